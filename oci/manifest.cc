#include "oci/manifest.h"

#include "oci/descriptor_json.h"
#include "oci/media_types.h"

namespace mybuild::oci {

using internal::Fields;
using internal::Json;

namespace {

// The fields Manifest and ImageIndex share.
struct Common {
  std::string media_type, artifact_type;
  std::optional<Descriptor> subject;
  std::map<std::string, std::string> annotations;
};

Json WriteCommon(const Common& c) {
  Json j = Json::object();
  j["schemaVersion"] = 2;
  if (!c.media_type.empty()) j["mediaType"] = c.media_type;
  if (!c.artifact_type.empty()) j["artifactType"] = c.artifact_type;
  if (c.subject) j["subject"] = internal::DescriptorToJson(*c.subject);
  if (!c.annotations.empty()) j["annotations"] = c.annotations;
  return j;
}

Status ReadCommon(const Fields& f, Common* c) {
  RETURN_IF_ERROR(f.Require("schemaVersion"));
  int64_t version = 0;
  RETURN_IF_ERROR(f.Int("schemaVersion", &version));
  if (version != 2) {
    return InvalidArgument(f.where() + ": schemaVersion " +
                           std::to_string(version) + " is not supported");
  }
  RETURN_IF_ERROR(f.Str("mediaType", &c->media_type));
  RETURN_IF_ERROR(f.Str("artifactType", &c->artifact_type));
  RETURN_IF_ERROR(f.StrMap("annotations", &c->annotations));
  if (!f.Get("subject").is_null()) {
    ASSIGN_OR_RETURN(c->subject, internal::DescriptorFromJson(
                                     f.Get("subject"), f.where() + ".subject"));
  }
  return Status::Ok();
}

Status ReadList(const Fields& f, const char* key, std::vector<Descriptor>* out) {
  const Json& list = f.Get(key);
  if (list.is_null()) return Status::Ok();
  if (!list.is_array()) return f.WrongType(key, "an array");
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = f.where() + "." + key + "[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(Descriptor d, internal::DescriptorFromJson(list[i], where));
    out->push_back(std::move(d));
  }
  return Status::Ok();
}

Json WriteList(const std::vector<Descriptor>& list) {
  Json j = Json::array();
  for (const auto& d : list) j.push_back(internal::DescriptorToJson(d));
  return j;
}

}  // namespace

std::string Manifest::ToJson() const {
  Json j = WriteCommon({media_type, artifact_type, subject, annotations});
  j["config"] = internal::DescriptorToJson(config);
  j["layers"] = WriteList(layers);
  return internal::Canonical(j);
}

Expected<Manifest> Manifest::FromJson(std::string_view text) {
  ASSIGN_OR_RETURN(Json j, internal::ParseJson(text, "manifest"));
  ASSIGN_OR_RETURN(Fields f, Fields::Of(j, "manifest"));
  Common c;
  RETURN_IF_ERROR(ReadCommon(f, &c));
  if (media::IsIndex(c.media_type)) {
    return InvalidArgument("manifest: media type " + c.media_type +
                           " is an index, not a manifest");
  }
  RETURN_IF_ERROR(f.Require("config"));
  Manifest m;
  m.media_type = c.media_type.empty() ? std::string(media::kOciManifest)
                                      : c.media_type;
  m.artifact_type = c.artifact_type;
  m.subject = c.subject;
  m.annotations = c.annotations;
  ASSIGN_OR_RETURN(m.config, internal::DescriptorFromJson(f.Get("config"),
                                                          "manifest.config"));
  RETURN_IF_ERROR(ReadList(f, "layers", &m.layers));
  return m;
}

std::string ImageIndex::ToJson() const {
  Json j = WriteCommon({media_type, artifact_type, subject, annotations});
  j["manifests"] = WriteList(manifests);
  return internal::Canonical(j);
}

Expected<ImageIndex> ImageIndex::FromJson(std::string_view text) {
  ASSIGN_OR_RETURN(Json j, internal::ParseJson(text, "image index"));
  ASSIGN_OR_RETURN(Fields f, Fields::Of(j, "image index"));
  Common c;
  RETURN_IF_ERROR(ReadCommon(f, &c));
  if (media::IsManifest(c.media_type)) {
    return InvalidArgument("image index: media type " + c.media_type +
                           " is a manifest, not an index");
  }
  RETURN_IF_ERROR(f.Require("manifests"));
  ImageIndex x;
  x.media_type =
      c.media_type.empty() ? std::string(media::kOciIndex) : c.media_type;
  x.artifact_type = c.artifact_type;
  x.subject = c.subject;
  x.annotations = c.annotations;
  RETURN_IF_ERROR(ReadList(f, "manifests", &x.manifests));
  return x;
}

Expected<std::string> SniffManifestType(std::string_view text) {
  ASSIGN_OR_RETURN(Json j, internal::ParseJson(text, "manifest"));
  ASSIGN_OR_RETURN(Fields f, Fields::Of(j, "manifest"));
  std::string type;
  RETURN_IF_ERROR(f.Str("mediaType", &type));
  if (!type.empty()) return type;
  if (j.contains("manifests")) return std::string(media::kOciIndex);
  if (j.contains("config")) return std::string(media::kOciManifest);
  return InvalidArgument(
      "manifest: no mediaType and neither \"manifests\" nor \"config\"");
}

}  // namespace mybuild::oci
