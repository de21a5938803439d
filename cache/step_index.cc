#include "cache/step_index.h"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "base/fd.h"

namespace mybuild::cache {

Expected<std::optional<LayerRecord>> StepIndex::Lookup(
    const std::string& key) const {
  const std::string file = paths_.Step(key);
  if (::access(file.c_str(), F_OK) != 0) return std::optional<LayerRecord>();
  ASSIGN_OR_RETURN(std::string text, ReadFile(file));
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("key", "") != key ||
      !j["digest"].is_string() || !j["diff_id"].is_string() ||
      !j["size"].is_number_integer() || !j["media_type"].is_string()) {
    return Internal("step record \"" + file + "\" is corrupt");
  }
  LayerRecord r;
  ASSIGN_OR_RETURN(r.digest, oci::Digest::Parse(j["digest"].get<std::string>()));
  ASSIGN_OR_RETURN(r.diff_id, oci::Digest::Parse(j["diff_id"].get<std::string>()));
  r.size = j["size"].get<int64_t>();
  r.media_type = j["media_type"].get<std::string>();
  if (::access(paths_.Blob(r.digest).c_str(), F_OK) != 0) {
    return std::optional<LayerRecord>();
  }
  return std::optional<LayerRecord>(r);
}

Status StepIndex::Record(const std::string& key, const LayerRecord& layer) {
  RETURN_IF_ERROR(MakeDirs(paths_.StepsDir()));
  nlohmann::json j = {{"key", key},
                      {"digest", layer.digest.str()},
                      {"diff_id", layer.diff_id.str()},
                      {"size", layer.size},
                      {"media_type", layer.media_type}};
  return WriteFileAtomic(paths_.Step(key), j.dump() + "\n");
}

}  // namespace mybuild::cache
