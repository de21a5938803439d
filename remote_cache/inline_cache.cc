#include "remote_cache/inline_cache.h"

#include <nlohmann/json.hpp>

#include "cache/blob_store.h"
#include "oci/manifest.h"

namespace mybuild::remote_cache {
namespace {

using nlohmann::json;

bool InImage(const CacheRecord& r, const oci::Manifest& m) {
  for (const cache::LayerRecord& l : r.layers) {
    bool found = false;
    for (const oci::Descriptor& d : m.layers)
      found = found || d.digest == l.digest;
    if (!found) return false;
  }
  return true;
}

}  // namespace

Expected<ImageDigests> EmbedRecords(const oci::Digest& manifest_digest,
                                    const std::vector<CacheRecord>& records,
                                    const cache::StorePaths& store) {
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store));
  ASSIGN_OR_RETURN(std::string manifest_json, blobs.Get(manifest_digest));
  ASSIGN_OR_RETURN(oci::Manifest manifest,
                   oci::Manifest::FromJson(manifest_json));
  ASSIGN_OR_RETURN(std::string config_json, blobs.Get(manifest.config.digest));
  std::vector<CacheRecord> kept;
  for (const CacheRecord& r : records) {
    if (InImage(r, manifest)) kept.push_back(r);
  }
  std::string config;
  try {
    json c = json::parse(config_json);
    c[kInlineCacheField] = json::parse(RecordsToJson(kept));
    config = c.dump();
  } catch (const json::exception& e) {
    return InvalidArgument("image config " + manifest.config.digest.str() +
                           ": " + e.what());
  }
  ImageDigests out;
  ASSIGN_OR_RETURN(out.config, blobs.Put(config));
  manifest.config.digest = out.config;
  manifest.config.size = static_cast<int64_t>(config.size());
  ASSIGN_OR_RETURN(out.manifest, blobs.Put(manifest.ToJson()));
  return out;
}

Expected<std::string> InlineRecordsJson(std::string_view config_json) {
  try {
    json c = json::parse(config_json);
    if (!c.is_object() || !c.contains(kInlineCacheField)) {
      return NotFound("the image has no inline cache");
    }
    return c[kInlineCacheField].dump();
  } catch (const json::exception& e) {
    return InvalidArgument(std::string("image config: ") + e.what());
  }
}

}  // namespace mybuild::remote_cache
