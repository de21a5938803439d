#include "executor/layer_commit.h"

#include <unistd.h>

#include "base/fd.h"
#include "oci/layer_tree.h"
#include "oci/layer_writer.h"

namespace mybuild::executor {
namespace {

Expected<cache::LayerRecord> WriteAndAdopt(const std::string& dir,
                                           cache::BlobStore& blobs,
                                           cache::SnapshotStore& snapshots,
                                           int64_t max_mtime) {
  ASSIGN_OR_RETURN(std::string tmp, blobs.NewTempPath());
  Expected<oci::LayerBlob> blob = [&]() -> Expected<oci::LayerBlob> {
    ASSIGN_OR_RETURN(oci::LayerWriter w, oci::LayerWriter::Create(tmp, {.gzip_level = 0}));
    RETURN_IF_ERROR(oci::AddTree(w, dir, {.max_mtime = max_mtime}));
    return w.Finish();
  }();
  if (!blob.ok()) {
    ::unlink(tmp.c_str());
    return blob.status();
  }
  RETURN_IF_ERROR(blobs.CommitWritten(tmp, blob->digest));
  RETURN_IF_ERROR(snapshots.Adopt(dir, blob->diff_id));
  return cache::LayerRecord{blob->digest, blob->diff_id, blob->size,
                            blob->media_type};
}

}  // namespace

Expected<cache::LayerRecord> CommitLayer(const std::string& dir,
                                         cache::BlobStore& blobs,
                                         cache::SnapshotStore& snapshots,
                                         int64_t max_mtime) {
  Expected<cache::LayerRecord> r = WriteAndAdopt(dir, blobs, snapshots, max_mtime);
  if (!r.ok()) (void)RemoveAll(dir);
  return r;
}

}  // namespace mybuild::executor
