#include "oci/image_config.h"

#include "oci/image_config_json.h"

namespace mybuild::oci {

using internal::Json;

std::string ImageConfig::ToJson() const {
  Json j = Json::object();
  internal::PutUnknown(unknown, &j);
  if (!created.empty()) j["created"] = created;
  if (!author.empty()) j["author"] = author;
  j["architecture"] = architecture;
  j["os"] = os;
  if (!variant.empty()) j["variant"] = variant;
  if (!os_version.empty()) j["os.version"] = os_version;
  j["config"] = internal::ContainerConfigToJson(config);
  Json ids = Json::array();
  for (const Digest& d : diff_ids) ids.push_back(d.str());
  j["rootfs"] = Json{{"type", "layers"}, {"diff_ids", ids}};
  if (!history.empty()) {
    Json h = Json::array();
    for (const auto& e : history) h.push_back(internal::HistoryToJson(e));
    j["history"] = h;
  }
  return internal::Canonical(j);
}

namespace {

Status ReadRootfs(const Json& j, std::vector<Digest>* diff_ids) {
  ASSIGN_OR_RETURN(internal::Fields f,
                   internal::Fields::Of(j, "image config: rootfs"));
  std::string type;
  RETURN_IF_ERROR(f.Str("type", &type));
  if (type != "layers") {
    return InvalidArgument("image config: rootfs: type \"" + type +
                           "\" is not \"layers\"");
  }
  std::vector<std::string> ids;
  RETURN_IF_ERROR(f.StrList("diff_ids", &ids));
  for (const auto& id : ids) {
    auto d = Digest::Parse(id);
    if (!d.ok()) return d.status().WithPrefix("image config: rootfs");
    diff_ids->push_back(*d);
  }
  return Status::Ok();
}

Status ReadHistory(const internal::Fields& f, std::vector<HistoryEntry>* out) {
  const Json& h = f.Get("history");
  if (h.is_null()) return Status::Ok();
  if (!h.is_array()) return f.WrongType("history", "an array");
  for (size_t i = 0; i < h.size(); ++i) {
    ASSIGN_OR_RETURN(
        HistoryEntry e,
        internal::HistoryFromJson(
            h[i], "image config: history[" + std::to_string(i) + "]"));
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

}  // namespace

Expected<ImageConfig> ImageConfig::FromJson(std::string_view text) {
  ASSIGN_OR_RETURN(Json j, internal::ParseJson(text, "image config"));
  ASSIGN_OR_RETURN(internal::Fields f,
                   internal::Fields::Of(j, "image config"));
  ImageConfig c;
  RETURN_IF_ERROR(f.Str("created", &c.created));
  RETURN_IF_ERROR(f.Str("author", &c.author));
  RETURN_IF_ERROR(f.Str("architecture", &c.architecture));
  RETURN_IF_ERROR(f.Str("os", &c.os));
  RETURN_IF_ERROR(f.Str("variant", &c.variant));
  RETURN_IF_ERROR(f.Str("os.version", &c.os_version));
  if (!f.Get("config").is_null()) {
    ASSIGN_OR_RETURN(c.config, internal::ContainerConfigFromJson(
                                   f.Get("config"), "image config: config"));
  }
  if (!f.Get("rootfs").is_null()) {
    RETURN_IF_ERROR(ReadRootfs(f.Get("rootfs"), &c.diff_ids));
  }
  RETURN_IF_ERROR(ReadHistory(f, &c.history));
  c.unknown = f.Unknown({"created", "author", "architecture", "os", "variant",
                         "os.version", "config", "rootfs", "history"});
  return c;
}

}  // namespace mybuild::oci
