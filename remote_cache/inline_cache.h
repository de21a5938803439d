// type=inline: the cache records of the final image's steps carried in the
// image's own config, under "mybuild.cache.v1" (as BuildKit's inline cache
// carries its own), so pushing the image pushes its cache: the layers are
// the image's. Read back with --cache-from type=registry,ref=IMAGE.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"
#include "oci/digest.h"
#include "remote_cache/cache_records.h"

namespace mybuild::remote_cache {

inline constexpr char kInlineCacheField[] = "mybuild.cache.v1";

struct ImageDigests {
  oci::Digest manifest;
  oci::Digest config;  // the image ID
};

// Rewrites the image whose manifest is `manifest` in `store`: its config
// gains the records (RecordsToJson, as a JSON object), and a manifest naming
// the new config is stored. Records whose layers the image lacks are left
// out. Fails when a blob cannot be read or is not an image's.
Expected<ImageDigests> EmbedRecords(const oci::Digest& manifest,
                                    const std::vector<CacheRecord>& records,
                                    const cache::StorePaths& store);

// The records blob text held by an image config; kNotFound when it has none.
Expected<std::string> InlineRecordsJson(std::string_view config_json);

}  // namespace mybuild::remote_cache
