// cache-mounts=true: the contents of RUN --mount=type=cache directories
// carried in a cache as layer tars, so a fresh runner starts with the
// package cache the last run left.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"
#include "planner/build_graph.h"
#include "remote_cache/cache_records.h"
#include "remote_cache/cache_spec.h"

namespace mybuild::remote_cache {

// The cache directory of `id` (its CacheIdentity) in `store`.
std::string CacheMountPath(const cache::StorePaths& store,
                           const std::string& id);

// Writes, as a layer blob in `store`, the shared directory (instance 0) of
// each cache mount of the RUN steps `mode` exports that exists in `store`.
// Fails naming the directory that could not be read.
Expected<std::vector<CacheMountRecord>> PackCacheMounts(
    const planner::BuildGraph& graph, const cache::StorePaths& store,
    CacheMode mode);

// Unpacks the layer blob at `blob` as the cache directory `dir`, which must
// not exist: into a temp directory beside it, renamed when complete (when
// another build made `dir` first, theirs is kept).
Status UnpackCacheMount(const std::string& blob, const std::string& dir);

}  // namespace mybuild::remote_cache
