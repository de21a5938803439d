// Unpacked layers by diff_id: overlay-format directories (whiteouts as char
// devices 0:0, opaque dirs marked) that RUN steps mount as lower dirs. A
// snapshot appears by rename only when complete.
#pragma once

#include <functional>
#include <string>
#include <vector>

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

  struct Layer {
    oci::Digest diff_id;
    std::string blob_path;
  };
  // Hears that layer `i` of EnsureAll's list begins (`done` false) or has
  // been unpacked (`done` true); from EnsureAll's threads.
  using UnpackReport = std::function<void(size_t i, bool done)>;
  // Ensure for every layer, up to `workers` at a time (0: one per hardware
  // thread): each snapshot is a
  // directory of its own, so an image's layers unpack side by side (a
  // pull, a base a RUN needs). `report` hears only of layers not yet present.
  // After a failure no further layer starts; returns the failure of the
  // earliest layer in the list that failed.
  Status EnsureAll(const std::vector<Layer>& layers, int workers,
                   const UnpackReport& report = nullptr);

 private:
  StorePaths paths_;
};

}  // namespace mybuild::cache
