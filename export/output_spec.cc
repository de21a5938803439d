#include "export/output_spec.h"

#include <charconv>

#include "base/spellcheck.h"

namespace mybuild::exporter {
namespace {

constexpr OutputType kTypes[] = {OutputType::kOci,   OutputType::kDocker,
                                 OutputType::kLocal, OutputType::kTar,
                                 OutputType::kImage, OutputType::kRegistry};

std::vector<std::string> SplitFields(const std::string& value) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t comma = std::min(value.find(',', start), value.size());
    out.push_back(value.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

Expected<bool> ParseBool(const std::string& key, const std::string& v) {
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  return InvalidArgument(key + " must be true or false, not \"" + v + "\"");
}

// Applies one key=value field to `spec`.
Status ApplyField(const std::string& key, const std::string& v, OutputSpec& spec) {
  if (key == "type") {
    for (OutputType t : kTypes) {
      if (v == OutputTypeName(t)) {
        spec.type = t;
        return Status::Ok();
      }
    }
    std::vector<std::string> names;
    for (OutputType t : kTypes) names.push_back(OutputTypeName(t));
    std::string guess = SpellCheck(v, names);
    return InvalidArgument("unknown type \"" + v + "\"" +
                           (guess.empty() ? "" : " (did you mean " + guess + "?)"));
  }
  if (key == "dest") {
    spec.dest = v;
  } else if (key == "name") {
    spec.names.push_back(v);
  } else if (key == "push") {
    ASSIGN_OR_RETURN(spec.push, ParseBool(key, v));
  } else if (key == "compression") {
    if (v == "gzip") spec.layers.compression = LayerCompression::kGzip;
    else if (v == "zstd") spec.layers.compression = LayerCompression::kZstd;
    else if (v == "uncompressed") spec.layers.compression = LayerCompression::kUncompressed;
    else return InvalidArgument("compression must be gzip, zstd or uncompressed");
  } else if (key == "compression-level") {
    int n = -1;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || end != v.data() + v.size() || n < 0) {
      return InvalidArgument("compression-level must be a number, not \"" + v + "\"");
    }
    spec.layers.level = n;
  } else if (key == "force-compression") {
    ASSIGN_OR_RETURN(spec.layers.force, ParseBool(key, v));
  } else if (key == "oci-mediatypes") {
    ASSIGN_OR_RETURN(bool b, ParseBool(key, v));
    spec.layers.oci_mediatypes = b;
  } else if (key == "rewrite-timestamp") {
    ASSIGN_OR_RETURN(spec.rewrite_timestamp, ParseBool(key, v));
  } else if (key == "source-date-epoch") {
    bool digits = !v.empty() && v.size() <= 18 &&
                  v.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
      return InvalidArgument("source-date-epoch must be a number of seconds since 1970, not \"" +
                             v + "\"");
    }
    spec.source_date_epoch = std::stoll(v);
  } else {
    return InvalidArgument("unknown key \"" + key + "\"");
  }
  return Status::Ok();
}

Status Validate(OutputSpec& spec) {
  bool needs_dest = spec.type == OutputType::kOci || spec.type == OutputType::kDocker ||
                    spec.type == OutputType::kLocal || spec.type == OutputType::kTar;
  if (needs_dest && spec.dest.empty()) {
    return InvalidArgument(std::string("dest is required for type=") +
                           OutputTypeName(spec.type));
  }
  if (!needs_dest && !spec.dest.empty()) {
    return InvalidArgument(std::string("dest is not used by type=") +
                           OutputTypeName(spec.type));
  }
  if (spec.type == OutputType::kLocal && spec.dest == "-") {
    return InvalidArgument("type=local needs a directory, not -");
  }
  if (spec.type == OutputType::kRegistry) spec.push = true;
  const LayerOptions& l = spec.layers;
  bool zstd = l.compression == LayerCompression::kZstd;
  if (l.level && (zstd ? *l.level < 1 || *l.level > 22 : *l.level > 9)) {
    return InvalidArgument("compression-level must be " + std::string(zstd ? "1-22 for zstd" : "0-9 for gzip") +
                           ", not " + std::to_string(*l.level));
  }
  if (zstd && l.oci_mediatypes == false) {
    return InvalidArgument("compression=zstd needs oci-mediatypes (Docker has no zstd type)");
  }
  return Status::Ok();
}

}  // namespace

const char* OutputTypeName(OutputType t) {
  switch (t) {
    case OutputType::kOci: return "oci";
    case OutputType::kDocker: return "docker";
    case OutputType::kLocal: return "local";
    case OutputType::kTar: return "tar";
    case OutputType::kImage: return "image";
    case OutputType::kRegistry: return "registry";
  }
  return "?";
}

Expected<OutputSpec> ParseOutput(const std::string& value) {
  auto fail = [&](const Status& st) {
    return InvalidArgument("invalid --output \"" + value + "\": " + st.message());
  };
  OutputSpec spec;
  if (value.find('=') == std::string::npos && value.find(',') == std::string::npos) {
    if (value.empty()) return fail(InvalidArgument("empty value"));
    spec.type = value == "-" ? OutputType::kTar : OutputType::kLocal;
    spec.dest = value;
    return spec;
  }
  for (const std::string& field : SplitFields(value)) {
    size_t eq = field.find('=');
    if (eq == std::string::npos) {
      return fail(InvalidArgument("field '" + field + "' must be a key=value pair"));
    }
    Status st = ApplyField(field.substr(0, eq), field.substr(eq + 1), spec);
    if (!st.ok()) return fail(st);
  }
  Status st = Validate(spec);
  if (!st.ok()) return fail(st);
  return spec;
}

}  // namespace mybuild::exporter
