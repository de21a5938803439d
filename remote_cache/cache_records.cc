#include "remote_cache/cache_records.h"

#include <nlohmann/json.hpp>

#include "oci/manifest.h"
#include "oci/media_types.h"

namespace mybuild::remote_cache {
namespace {

using nlohmann::json;

bool IsKey(const std::string& s) {
  return s.size() == 64 &&
         s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

json LayerJson(const cache::LayerRecord& l) {
  return {{"digest", l.digest.str()},
          {"diff_id", l.diff_id.str()},
          {"size", l.size},
          {"mediaType", l.media_type}};
}

Expected<cache::LayerRecord> LayerFrom(const json& j) {
  cache::LayerRecord l;
  ASSIGN_OR_RETURN(l.digest,
                   oci::Digest::Parse(j.at("digest").get<std::string>()));
  ASSIGN_OR_RETURN(l.diff_id,
                   oci::Digest::Parse(j.at("diff_id").get<std::string>()));
  l.size = j.at("size").get<int64_t>();
  l.media_type = j.at("mediaType").get<std::string>();
  if (l.size < 0)
    return InvalidArgument("layer " + l.digest.str() + " has a negative size");
  return l;
}

Expected<CacheRecord> RecordFrom(const json& j) {
  CacheRecord r;
  r.key = j.at("key").get<std::string>();
  r.parent = j.value("parent", "");
  r.below = j.value("below", "");
  r.created = j.value("created", "");
  if (!IsKey(r.key))
    return InvalidArgument("record key \"" + r.key + "\" is not 64 hex digits");
  for (const json& l : j.at("layers")) {
    ASSIGN_OR_RETURN(cache::LayerRecord layer, LayerFrom(l));
    r.layers.push_back(std::move(layer));
  }
  if (r.layers.empty())
    return InvalidArgument("record " + r.key + " has no layers");
  r.slot = j.value("slot", "");
  for (const json& in : j.value("inputs", json::array())) {
    r.inputs.push_back(
        {in.at(0).get<std::string>(), in.at(1).get<std::string>()});
  }
  return r;
}

}  // namespace

oci::Descriptor Describe(std::string media_type, const oci::Digest& digest,
                         int64_t size) {
  oci::Descriptor d;
  d.media_type = std::move(media_type);
  d.digest = digest;
  d.size = size;
  return d;
}

std::string RecordsToJson(const std::vector<CacheRecord>& records,
                          const std::vector<CacheMountRecord>& mounts) {
  json list = json::array();
  for (const CacheRecord& r : records) {
    json layers = json::array();
    for (const cache::LayerRecord& l : r.layers) layers.push_back(LayerJson(l));
    json rec{{"key", r.key},
             {"parent", r.parent},
             {"below", r.below},
             {"created", r.created},
             {"layers", layers}};
    if (!r.slot.empty()) rec["slot"] = r.slot;
    for (const planner::StepInput& in : r.inputs)
      rec["inputs"].push_back({in.name, in.value});
    list.push_back(std::move(rec));
  }
  json out{{"mediaType", kCacheConfigType},
           {"v", kCacheFormatVersion},
           {"records", list}};
  for (const CacheMountRecord& m : mounts) {
    out["cache_mounts"].push_back(
        {{"id", m.id}, {"layer", LayerJson(m.layer)}});
  }
  // File names in inputs are bytes: one that is no UTF-8 is stored with
  // U+FFFD for its bad bytes, as inputs/<key>.json is.
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Expected<std::vector<CacheRecord>> RecordsFromJson(std::string_view text) {
  Status bad = Status::Ok();
  std::vector<CacheRecord> out;
  try {
    json j = json::parse(text);
    if (j.at("mediaType") != kCacheConfigType)
      return InvalidArgument("cache config: not " +
                             std::string(kCacheConfigType));
    if (j.at("v") != kCacheFormatVersion)
      return InvalidArgument("cache config: version " + j.at("v").dump() +
                             " is not 1");
    for (const json& r : j.at("records")) {
      Expected<CacheRecord> rec = RecordFrom(r);
      if (!rec.ok()) return rec.status().WithPrefix("cache config");
      out.push_back(std::move(*rec));
    }
  } catch (const json::exception& e) {
    return InvalidArgument(std::string("cache config: ") + e.what());
  }
  return out;
}

Expected<std::vector<CacheMountRecord>> MountsFromJson(std::string_view text) {
  std::vector<CacheMountRecord> out;
  // Most caches have none: a config of 20,000 inputs is not parsed twice.
  // (A key spelled with escapes would be missed: we never write one, and
  // a cache mount that is not found is only not imported.)
  if (text.find("\"cache_mounts\"") == std::string_view::npos) return out;
  try {
    json j = json::parse(text);
    for (const json& m : j.value("cache_mounts", json::array())) {
      CacheMountRecord r;
      r.id = m.at("id").get<std::string>();
      if (!IsKey(r.id))
        return InvalidArgument(
            "cache config: cache mount id is not 64 hex digits");
      Expected<cache::LayerRecord> layer = LayerFrom(m.at("layer"));
      if (!layer.ok()) return layer.status().WithPrefix("cache config");
      r.layer = *layer;
      out.push_back(std::move(r));
    }
  } catch (const json::exception& e) {
    return InvalidArgument(std::string("cache config: ") + e.what());
  }
  return out;
}

namespace {

bool Lists(const CacheListing& m, const cache::LayerRecord& l) {
  for (const oci::Descriptor& d : m.blobs) {
    if (d.digest == l.digest && d.size == l.size &&
        d.media_type == l.media_type)
      return true;
  }
  return false;
}

void AddLayer(oci::Manifest& m, const cache::LayerRecord& l) {
  for (const oci::Descriptor& d : m.layers) {
    if (d.digest == l.digest) return;
  }
  m.layers.push_back(Describe(l));
}

}  // namespace

std::string CacheManifestJson(const oci::Descriptor& config,
                              const std::vector<CacheRecord>& records,
                              const std::vector<CacheMountRecord>& mounts) {
  oci::Manifest m;
  m.media_type = std::string(oci::media::kOciManifest);
  m.config = config;
  for (const CacheRecord& r : records) {
    for (const cache::LayerRecord& l : r.layers) AddLayer(m, l);
  }
  for (const CacheMountRecord& c : mounts) AddLayer(m, c.layer);
  return m.ToJson();
}

std::string CacheIndexJson(const oci::Descriptor& config,
                           const std::vector<CacheRecord>& records,
                           const std::vector<CacheMountRecord>& mounts) {
  oci::Manifest layers;
  for (const CacheRecord& r : records) {
    for (const cache::LayerRecord& l : r.layers) AddLayer(layers, l);
  }
  for (const CacheMountRecord& c : mounts) AddLayer(layers, c.layer);
  oci::ImageIndex index;
  index.media_type = std::string(oci::media::kOciIndex);
  index.manifests = std::move(layers.layers);
  index.manifests.push_back(config);
  return index.ToJson();
}

Expected<CacheListing> ReadCacheListing(std::string_view json) {
  ASSIGN_OR_RETURN(std::string type, oci::SniffManifestType(json));
  CacheListing out;
  if (type != oci::media::kOciIndex && type != oci::media::kDockerManifestList) {
    ASSIGN_OR_RETURN(oci::Manifest m, oci::Manifest::FromJson(json));
    out.config = m.config;
    out.blobs = std::move(m.layers);
    return out;
  }
  ASSIGN_OR_RETURN(oci::ImageIndex index, oci::ImageIndex::FromJson(json));
  int configs = 0;
  for (oci::Descriptor& d : index.manifests) {
    if (d.media_type == kCacheConfigType) {
      out.config = d;
      ++configs;
    } else {
      out.blobs.push_back(std::move(d));
    }
  }
  if (configs != 1) {
    return InvalidArgument(std::string("cache index: lists ") +
                           (configs ? "more than one " : "no ") + kCacheConfigType);
  }
  return out;
}

Expected<std::map<std::string, CacheRecord>> VerifyRecords(
    std::string_view manifest_json, const std::vector<CacheRecord>& records,
    const std::vector<CacheMountRecord>& mounts) {
  ASSIGN_OR_RETURN(CacheListing m, ReadCacheListing(manifest_json));
  std::map<std::string, CacheRecord> out;
  for (const CacheRecord& r : records) {
    for (const cache::LayerRecord& l : r.layers) {
      if (!Lists(m, l)) {
        return InvalidArgument("record " + r.key + " names blob " +
                               l.digest.str() +
                               " that the manifest does not list");
      }
    }
    out.emplace(r.key, r);
  }
  for (const CacheMountRecord& c : mounts) {
    if (!Lists(m, c.layer)) {
      return InvalidArgument("cache mount " + c.id + " names blob " +
                             c.layer.digest.str() +
                             " that the manifest does not list");
    }
  }
  return out;
}

}  // namespace mybuild::remote_cache
