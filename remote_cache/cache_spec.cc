#include "remote_cache/cache_spec.h"

#include <map>
#include <set>

namespace mybuild::remote_cache {
namespace {

Expected<bool> ParseBool(const std::string& key, const std::string& value) {
  if (value == "true") return true;
  if (value == "false") return false;
  return InvalidArgument(key + " must be true or false");
}

// buildx options with nothing to choose here: the only value we write.
const std::map<std::string, std::string>& FixedOptions() {
  static const auto* fixed =
      new std::map<std::string, std::string>{{"oci-mediatypes", "true"},
                                             {"compression", "gzip"}};
  return *fixed;
}

Status Apply(const std::string& key, const std::string& value, bool to,
             CacheSpec& spec) {
  if (key == "type") {
    if (value != "local" && value != "registry" && !(to && value == "inline")) {
      return InvalidArgument("unknown type \"" + value +
                             "\" (want local or registry" +
                             (to ? ", or inline)" : ")"));
    }
    spec.type = value;
  } else if (key == (to ? "dest" : "src")) {
    spec.dir = value;
  } else if (key == "ref") {
    spec.ref = value;
  } else if (key == "tag") {
    spec.tag = value;
  } else if (key == "mode" && to) {
    if (value != "min" && value != "max")
      return InvalidArgument("mode must be min or max");
    spec.mode = value == "max" ? CacheMode::kMax : CacheMode::kMin;
  } else if (key == "cache-mounts" && to) {
    ASSIGN_OR_RETURN(spec.cache_mounts, ParseBool(key, value));
  } else if (key == "image-manifest" && to) {
    ASSIGN_OR_RETURN(spec.image_manifest, ParseBool(key, value));
  } else if (key == "ignore-error") {
    ASSIGN_OR_RETURN(spec.ignore_error, ParseBool(key, value));
  } else if (auto f = FixedOptions().find(key);
             f != FixedOptions().end() && to) {
    if (value != f->second)
      return InvalidArgument(key + " can only be " + f->second);
  } else {
    return InvalidArgument("unknown key \"" + key + "\"");
  }
  return Status::Ok();
}

Status Check(bool to, CacheSpec& spec) {
  if (spec.type.empty())
    return InvalidArgument("type= is required (local or registry)");
  if (spec.type == "inline") {
    spec.name = "type=inline";
  } else if (spec.type == "local") {
    if (spec.dir.empty())
      return InvalidArgument(std::string("type=local needs ") +
                             (to ? "dest" : "src") + "=DIR");
    spec.name = "type=local," + std::string(to ? "dest=" : "src=") + spec.dir;
  } else {
    if (spec.ref.empty())
      return InvalidArgument("type=registry needs ref=REG/REPO:TAG");
    spec.name = "type=registry,ref=" + spec.ref;
  }
  return Status::Ok();
}

}  // namespace

Expected<CacheSpec> ParseCacheSpec(std::string_view text, bool to) {
  CacheSpec spec;
  std::string prefix = std::string("invalid ") +
                       (to ? "--cache-to" : "--cache-from") + " \"" +
                       std::string(text) + "\"";
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string field(text.substr(start, comma - start));
    size_t eq = field.find('=');
    if (eq == std::string::npos)
      return InvalidArgument(prefix + ": \"" + field + "\" is not KEY=VALUE");
    Status st = Apply(field.substr(0, eq), field.substr(eq + 1), to, spec);
    if (!st.ok()) return st.WithPrefix(prefix);
    start = comma + 1;
  }
  Status st = Check(to, spec);
  if (!st.ok()) return st.WithPrefix(prefix);
  return spec;
}

}  // namespace mybuild::remote_cache
