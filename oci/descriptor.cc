#include "oci/descriptor.h"

#include "oci/descriptor_json.h"

namespace mybuild::oci {

using internal::Json;

std::string Platform::str() const {
  std::string s = os + "/" + architecture;
  if (!variant.empty()) s += "/" + variant;
  return s;
}

Expected<Platform> Platform::Parse(std::string_view text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t slash = text.find('/', start);
    parts.emplace_back(text.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  bool empty_part = false;
  for (const auto& p : parts) empty_part |= p.empty();
  if (parts.size() < 2 || parts.size() > 3 || empty_part) {
    return InvalidArgument("invalid platform \"" + std::string(text) +
                           "\": want os/arch[/variant]");
  }
  Platform p;
  p.os = parts[0];
  p.architecture = parts[1];
  if (parts.size() == 3) p.variant = parts[2];
  return p;
}

std::string Descriptor::ToJson() const {
  return internal::Canonical(internal::DescriptorToJson(*this));
}

Expected<Descriptor> Descriptor::FromJson(std::string_view text) {
  ASSIGN_OR_RETURN(Json j, internal::ParseJson(text, "descriptor"));
  return internal::DescriptorFromJson(j, "descriptor");
}

namespace internal {

Json PlatformToJson(const Platform& p) {
  Json j = Json::object();
  j["os"] = p.os;
  j["architecture"] = p.architecture;
  if (!p.variant.empty()) j["variant"] = p.variant;
  if (!p.os_version.empty()) j["os.version"] = p.os_version;
  if (!p.os_features.empty()) j["os.features"] = p.os_features;
  return j;
}

Expected<Platform> PlatformFromJson(const Json& j, const std::string& where) {
  ASSIGN_OR_RETURN(Fields f, Fields::Of(j, where));
  Platform p;
  RETURN_IF_ERROR(f.Str("os", &p.os));
  RETURN_IF_ERROR(f.Str("architecture", &p.architecture));
  RETURN_IF_ERROR(f.Str("variant", &p.variant));
  RETURN_IF_ERROR(f.Str("os.version", &p.os_version));
  RETURN_IF_ERROR(f.StrList("os.features", &p.os_features));
  return p;
}

Json DescriptorToJson(const Descriptor& d) {
  Json j = Json::object();
  j["mediaType"] = d.media_type;
  j["digest"] = d.digest.str();
  j["size"] = d.size;
  if (!d.urls.empty()) j["urls"] = d.urls;
  if (!d.annotations.empty()) j["annotations"] = d.annotations;
  if (d.platform) j["platform"] = PlatformToJson(*d.platform);
  if (!d.artifact_type.empty()) j["artifactType"] = d.artifact_type;
  return j;
}

Expected<Descriptor> DescriptorFromJson(const Json& j,
                                        const std::string& where) {
  ASSIGN_OR_RETURN(Fields f, Fields::Of(j, where));
  for (const char* key : {"mediaType", "digest", "size"}) {
    RETURN_IF_ERROR(f.Require(key));
  }
  Descriptor d;
  RETURN_IF_ERROR(f.Str("mediaType", &d.media_type));
  std::string digest;
  RETURN_IF_ERROR(f.Str("digest", &digest));
  auto parsed = Digest::Parse(digest);
  if (!parsed.ok()) return parsed.status().WithPrefix(where);
  d.digest = *parsed;
  RETURN_IF_ERROR(f.Int("size", &d.size));
  if (d.size < 0) return f.WrongType("size", "a non-negative integer");
  RETURN_IF_ERROR(f.StrList("urls", &d.urls));
  RETURN_IF_ERROR(f.StrMap("annotations", &d.annotations));
  RETURN_IF_ERROR(f.Str("artifactType", &d.artifact_type));
  if (!f.Get("platform").is_null()) {
    ASSIGN_OR_RETURN(d.platform,
                     PlatformFromJson(f.Get("platform"), where + ".platform"));
  }
  return d;
}

}  // namespace internal
}  // namespace mybuild::oci
