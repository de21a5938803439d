// Content-addressed blobs (layers, configs, manifests). A blob is either
// absent or complete and verified: it is written elsewhere, its digest
// checked, then renamed into place.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"
#include "oci/digest.h"

namespace mybuild::cache {

class BlobStore {
 public:
  // Creates the directories under paths.root() if needed.
  static Expected<BlobStore> Open(const StorePaths& paths);

  const StorePaths& paths() const { return paths_; }
  // Present: written, or a lazy layer (lazy_layers.h) that can be.
  bool Has(const oci::Digest& d) const;
  // The file blobs/sha256/<hex> exists.
  bool HasFile(const oci::Digest& d) const;
  // Where the blob's bytes are; a lazy layer's are there only after
  // MaterializeLayer.
  std::string Path(const oci::Digest& d) const { return paths_.Blob(d); }
  // Size in bytes (a lazy layer's too); NotFound when absent.
  Expected<int64_t> Size(const oci::Digest& d) const;

  // A fresh path under tmp/ for a writer to fill before Commit().
  Expected<std::string> NewTempPath() const;
  // Verifies that `tmp_path` hashes to `expected`, fsyncs it and renames it
  // into place. On mismatch the temp file is removed and the error names
  // both digests. A blob already present is kept and the temp file dropped
  // while its verified mark matches (blob_verify.h); one without a
  // matching mark is replaced, unread. The committed blob is marked
  // verified.
  Status Commit(const std::string& tmp_path, const oci::Digest& expected);
  // Commit for a blob whose writer hashed every byte as it wrote them (a
  // BlobSink, whose digest `written` is): the same, without reading the
  // file again. For a 300 MB layer that second pass was a second of a
  // build.
  Status CommitWritten(const std::string& tmp_path, const oci::Digest& written);
  // CommitWritten without its fsyncs and without the verified mark: the
  // blob is renamed into place as it is, and until UnsyncedBlobs::Sync
  // marks it, every use hashes it first (blob_verify.h), so one a crash
  // tore is found by its digest, never trusted.
  Status CommitUnsynced(const std::string& tmp_path, const oci::Digest& written);
  // Stores small content (configs, manifests) and returns its digest,
  // rewriting a present copy that no longer verifies.
  Expected<oci::Digest> Put(std::string_view data);
  // Reads a small blob whole. Fails with kIo naming the blob when its
  // content does not hash to `d`.
  Expected<std::string> Get(const oci::Digest& d) const;

 private:
  explicit BlobStore(StorePaths paths) : paths_(std::move(paths)) {}
  StorePaths paths_;
};

// Blobs committed with CommitUnsynced (e.g. the gzip variants a push
// makes, which can be made again from their layers), made durable together
// at the end: one fsync per file and one of blobs/, instead of three fsyncs
// per blob as each is made. Thread-safe.
class UnsyncedBlobs {
 public:
  explicit UnsyncedBlobs(StorePaths paths) : paths_(std::move(paths)) {}
  // `d` was committed with CommitUnsynced.
  void Add(const oci::Digest& d);
  // Whether Add took `d` and Sync has not run since.
  bool Has(const oci::Digest& d) const;
  // Fsyncs every blob added and blobs/, then marks them verified. Fails
  // with the first fsync error (the blobs stay unmarked).
  Status Sync();

 private:
  StorePaths paths_;
  mutable std::mutex mu_;
  std::vector<oci::Digest> blobs_;
};

}  // namespace mybuild::cache
