// Unpacked layers by diff_id: overlay-format directories (whiteouts as char
// devices 0:0, opaque dirs marked) that RUN steps mount as lower dirs. A
// snapshot appears by rename only when complete.
#pragma once

#include <string>

#include "base/status.h"
#include "cache/store_paths.h"
#include "oci/digest.h"

namespace mybuild::cache {

class SnapshotStore {
 public:
  explicit SnapshotStore(StorePaths paths) : paths_(std::move(paths)) {}

  bool Has(const oci::Digest& diff_id) const;
  std::string Path(const oci::Digest& diff_id) const {
    return paths_.Snapshot(diff_id);
  }
  // A fresh empty directory under tmp/ to build a snapshot in.
  Expected<std::string> NewTempDir() const;
  // Moves the finished directory `dir` into place as `diff_id`'s snapshot.
  // When another build got there first, `dir` is removed and theirs kept.
  Status Adopt(const std::string& dir, const oci::Digest& diff_id);
  // Makes sure `diff_id`'s snapshot exists, unpacking the layer blob at
  // `blob_path` when it does not. Fails naming the blob when the tar is
  // unsafe or its content does not hash to `diff_id`.
  Status Ensure(const oci::Digest& diff_id, const std::string& blob_path);

 private:
  StorePaths paths_;
};

}  // namespace mybuild::cache
