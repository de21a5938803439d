// Turns a finished directory (a RUN's overlay upper dir or a COPY's
// staging dir) into a layer blob in the store and a snapshot for later
// steps, in one pass over the tree.
#pragma once

#include <string>

#include "base/status.h"
#include "cache/blob_store.h"
#include "cache/snapshot_store.h"
#include "cache/step_index.h"

namespace mybuild::executor {

// Makes `dir` a layer: hashes the plain (uncompressed) tar it makes
// (overlay whiteouts become OCI whiteouts) and moves `dir` into `snapshots`
// under the layer's diff_id. The tar is not written now: the blob is a lazy
// layer (cache/lazy_layers.h), written from the snapshot when first read,
// and an output compresses it only when it needs to (export/layer_variant.h),
// as BuildKit and buildah compress only then. `dir` is gone afterwards,
// whether this succeeds or not. With `max_mtime` >= 0 (SOURCE_DATE_EPOCH),
// later mtimes in the layer are clamped to it; the snapshot keeps the real
// ones.
Expected<cache::LayerRecord> CommitLayer(const std::string& dir,
                                         cache::BlobStore& blobs,
                                         cache::SnapshotStore& snapshots,
                                         int64_t max_mtime = -1);

}  // namespace mybuild::executor
