// The exported build cache's own blob: the step records of a cache, as one
// small JSON document that a cache manifest names as its config. Pure data
// and its JSON; no I/O. The format is docs/remote-cache.md.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cache/step_index.h"
#include "oci/descriptor.h"
#include "planner/build_graph.h"

namespace mybuild::remote_cache {

// The config media type of a cache manifest.
inline constexpr char kCacheConfigType[] =
    "application/vnd.mybuild.cache.config.v1+json";
inline constexpr int kCacheFormatVersion = 1;

struct CacheRecord {
  std::string key;     // the step's cache key (docs/cache-keys.md)
  std::string parent;  // the key of the record below it in its stage; ""
  std::string below;   // StepRecord::below: the layers it was made on
  std::string created;
  std::vector<cache::LayerRecord> layers;  // what the step made, bottom first
  // For --explain on another machine: the step's slot ("stage/n", as in
  // cache::BuildHistory) and its sealed named inputs; empty when unknown.
  std::string slot;
  std::vector<planner::StepInput> inputs;
};

// The contents of a RUN --mount=type=cache directory (cache-mounts=true):
// `id` is the hex SHA-256 of its CacheIdentity, as its directory is named.
struct CacheMountRecord {
  std::string id;
  cache::LayerRecord layer;  // the directory as a layer tar
};

// A descriptor of just a media type, digest and size.
oci::Descriptor Describe(std::string media_type, const oci::Digest& digest,
                         int64_t size);
inline oci::Descriptor Describe(const cache::LayerRecord& l) {
  return Describe(l.media_type, l.digest, l.size);
}

// Compact JSON, keys sorted, records in the given order; "cache_mounts"
// only when `mounts` is not empty.
std::string RecordsToJson(const std::vector<CacheRecord>& records,
                          const std::vector<CacheMountRecord>& mounts = {});
// Fails with kInvalidArgument "cache config: <reason>" on bad JSON, another
// media type or version, or a record without a 64-hex key or a layer
// without a valid digest, diff_id or size.
Expected<std::vector<CacheRecord>> RecordsFromJson(std::string_view text);
// The "cache_mounts" of a records blob (none when absent); fails as
// RecordsFromJson does.
Expected<std::vector<CacheMountRecord>> MountsFromJson(std::string_view text);

// The cache manifest: an OCI image manifest whose config is `config` (the
// records blob) and whose layers are every distinct layer of `records`.
std::string CacheManifestJson(const oci::Descriptor& config,
                              const std::vector<CacheRecord>& records,
                              const std::vector<CacheMountRecord>& mounts = {});

// The cache index (image-manifest=false, BuildKit's default form): an OCI
// image index whose "manifests" are every distinct layer of `records` (the
// same order as CacheManifestJson), then `config`, as BuildKit's registry
// cache lists its layers and cache config.
std::string CacheIndexJson(const oci::Descriptor& config,
                           const std::vector<CacheRecord>& records,
                           const std::vector<CacheMountRecord>& mounts = {});

// What a cache lists, in either form: the records blob and the others.
struct CacheListing {
  oci::Descriptor config;
  std::vector<oci::Descriptor> blobs;
};

// Reads a cache manifest (its config and layers), an image manifest (for
// type=inline, the same) or a cache index (the one kCacheConfigType entry
// and the others). Fails with kInvalidArgument, e.g.
//   cache index: lists no application/vnd.mybuild.cache.config.v1+json
Expected<CacheListing> ReadCacheListing(std::string_view json);

// Checks a cache (or image, for type=inline) manifest or a cache index
// against its records:
// every record's layers are listed with the same digest, size
// and media type (and so is every cache mount's layer). Returns the
// records by key. Fails with kInvalidArgument
// naming what does not verify, e.g.
//   record <key> names blob sha256:<hex> that the manifest does not list
Expected<std::map<std::string, CacheRecord>> VerifyRecords(
    std::string_view manifest_json, const std::vector<CacheRecord>& records,
    const std::vector<CacheMountRecord>& mounts = {});

}  // namespace mybuild::remote_cache
