#include "registry/pull_sources.h"

#include <algorithm>
#include <cctype>

namespace mybuild::registry {

bool IsShortName(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return true;
  std::string_view first = text.substr(0, slash);
  if (first == "localhost") return false;
  return std::none_of(first.begin(), first.end(), [](char c) {
    return c == '.' || c == ':' || std::isupper(static_cast<unsigned char>(c));
  });
}

Expected<std::vector<oci::ImageReference>> NameCandidates(const RegistriesConf& conf,
                                                          std::string_view text) {
  std::vector<oci::ImageReference> out;
  if (!IsShortName(text) || conf.unqualified_search.empty()) {
    ASSIGN_OR_RETURN(oci::ImageReference ref, oci::ImageReference::Parse(text));
    out.push_back(std::move(ref));
    return out;
  }
  // The text alone must be a valid name, so its error names what was typed.
  RETURN_IF_ERROR(oci::ImageReference::Parse(text).status());
  for (const std::string& host : conf.unqualified_search) {
    ASSIGN_OR_RETURN(oci::ImageReference ref,
                     oci::ImageReference::Parse(host + "/" + std::string(text)));
    out.push_back(std::move(ref));
  }
  return out;
}

namespace {

bool PrefixMatches(const std::string& name, const std::string& prefix) {
  if (prefix.empty() || !name.starts_with(prefix)) return false;
  if (name.size() == prefix.size()) return true;
  char next = name[prefix.size()];
  return next == '/' || next == ':' || next == '@';
}

}  // namespace

const RegistryTable* TableFor(const RegistriesConf& conf, const oci::ImageReference& ref) {
  const std::string name = ref.str();
  const RegistryTable* best = nullptr;
  for (const RegistryTable& t : conf.registries) {
    if (PrefixMatches(name, t.prefix) && (!best || t.prefix.size() > best->prefix.size())) {
      best = &t;
    }
  }
  return best;
}

Expected<std::vector<oci::ImageReference>> PullSources(const RegistriesConf& conf,
                                                       const oci::ImageReference& ref) {
  const RegistryTable* t = TableFor(conf, ref);
  if (!t) return std::vector<oci::ImageReference>{ref};
  if (t->blocked) {
    return InvalidArgument("pull " + ref.Familiar() + ": blocked in registries.conf (prefix \"" +
                            t->prefix + "\")");
  }
  const std::string rest = ref.str().substr(t->prefix.size());
  std::vector<oci::ImageReference> out;
  if (!t->mirror_by_digest_only || ref.digest()) {
    for (const RegistryMirror& m : t->mirrors) {
      // A mirror whose location does not make a valid name is skipped, as
      // one that cannot be contacted is.
      Expected<oci::ImageReference> r = oci::ImageReference::Parse(m.location + rest);
      if (r.ok()) out.push_back(std::move(*r));
    }
  }
  Expected<oci::ImageReference> primary = oci::ImageReference::Parse(t->location + rest);
  if (!primary.ok()) {
    return primary.status().WithPrefix("registries.conf location \"" + t->location + "\"");
  }
  out.push_back(std::move(*primary));
  return out;
}

Status TrySources(const RegistriesConf& conf, const oci::ImageReference& ref,
                  const std::function<Status(const oci::ImageReference&)>& attempt) {
  ASSIGN_OR_RETURN(std::vector<oci::ImageReference> sources, PullSources(conf, ref));
  Status last;
  for (const oci::ImageReference& source : sources) {
    last = attempt(source);
    if (last.ok()) return last;
  }
  return last;
}

}  // namespace mybuild::registry
