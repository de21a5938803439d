#include "executor/layer_commit.h"

#include <unistd.h>

#include "base/fd.h"
#include "cache/lazy_layers.h"
#include "oci/layer_tree.h"
#include "oci/layer_writer.h"

namespace mybuild::executor {
namespace {

// Hashes the tar `dir` makes without writing it, adopts `dir` as the
// snapshot and records the layer as lazy (cache/lazy_layers.h): its bytes
// are written from the snapshot when something first reads them.
Expected<cache::LayerRecord> HashAndAdopt(const std::string& dir,
                                          cache::BlobStore& blobs,
                                          cache::SnapshotStore& snapshots,
                                          int64_t max_mtime) {
  ASSIGN_OR_RETURN(oci::LayerWriter w, oci::LayerWriter::Create("", {.gzip_level = 0}));
  RETURN_IF_ERROR(oci::AddTree(w, dir, {.max_mtime = max_mtime}));
  ASSIGN_OR_RETURN(oci::LayerBlob blob, w.Finish());
  RETURN_IF_ERROR(snapshots.Adopt(dir, blob.diff_id));
  const cache::StorePaths& paths = blobs.paths();
  if (!blobs.HasFile(blob.digest)) {
    RETURN_IF_ERROR(cache::RecordLazyLayer(paths, {blob.digest, blob.size, max_mtime}));
  }
  // What `images` shows for it, known now without reading the tar back.
  if (MakeDirs(paths.SizesDir()).ok()) {
    (void)WriteFileAtomic(paths.LayerSize(blob.digest), std::to_string(blob.file_bytes) + "\n");
  }
  return cache::LayerRecord{blob.digest, blob.diff_id, blob.size, blob.media_type};
}

}  // namespace

Expected<cache::LayerRecord> CommitLayer(const std::string& dir,
                                         cache::BlobStore& blobs,
                                         cache::SnapshotStore& snapshots,
                                         int64_t max_mtime) {
  Expected<cache::LayerRecord> r = HashAndAdopt(dir, blobs, snapshots, max_mtime);
  if (!r.ok()) (void)RemoveAll(dir);
  return r;
}

}  // namespace mybuild::executor
