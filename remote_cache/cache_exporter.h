// --cache-to: after a successful build, the records of the steps it
// reached, with their layer blobs, written to a cache backend as one cache
// manifest (docs/remote-cache.md).
#pragma once

#include <vector>

#include "cache/store_paths.h"
#include "planner/build_graph.h"
#include "remote_cache/cache_backend.h"
#include "remote_cache/cache_records.h"
#include "remote_cache/cache_spec.h"

namespace mybuild::remote_cache {

// The stages whose steps `mode` exports, in graph order.
std::vector<int> ExportedStages(const planner::BuildGraph& graph,
                                CacheMode mode);

// The local records of `graph`'s steps for `mode`, in stage order, each
// naming the record below it in its stage as parent. Steps with no usable
// local record (a WORKDIR that made no layer) are left out.
std::vector<CacheRecord> CollectRecords(const planner::BuildGraph& graph,
                                        const cache::StorePaths& store,
                                        CacheMode mode);

// Points every plain-tar layer of `records` at its gzip variant (made now,
// or the one an earlier push or export made): a cache names the layers as
// the pushed image does, so a registry holds each blob once, and a runner
// importing it downloads compressed bytes. Fails with the variant's error.
Status GzipLayers(std::vector<CacheRecord>& records,
                  const cache::StorePaths& store);

// Writes `records` and their layers (from `store`'s blobs), and the cache
// mounts' layers, to `backend`, as a cache manifest (`image_manifest`) or a
// cache index (image-manifest=false, BuildKit's default form):
// the records blob is put in the local blob store too. Fails with the
// backend's error.
Status ExportRecords(const std::vector<CacheRecord>& records,
                     const cache::StorePaths& store, CacheBackend& backend,
                     const std::vector<CacheMountRecord>& mounts = {},
                     bool image_manifest = true);

}  // namespace mybuild::remote_cache
