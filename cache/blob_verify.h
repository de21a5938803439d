// Whether a stored blob still holds what its digest names. Blobs are
// verified when they are written, but a disk, a user or another program can
// change them later; a step reused from the cache, or a blob pushed,
// must not carry such a change into an image. Hashing every reused layer on
// every build would cost a no-op rebuild a pass over all its bytes, so a
// blob that hashed right is marked (verified/<hex>: the file's device,
// inode, size, mtime and ctime then), and while the file still matches its
// mark it is trusted without reading it. Any write to the file changes its
// ctime, which no program can set back.
#pragma once

#include <string>

#include "base/status.h"
#include "cache/store_paths.h"
#include "oci/digest.h"

namespace mybuild::cache {

class BlobVerifier {
 public:
  explicit BlobVerifier(StorePaths paths) : paths_(std::move(paths)) {}

  // Ok when the blob `d` is present with `size` bytes (checked always) and
  // hashes to `d` (checked unless its mark still matches; a fresh hash
  // renews the mark). Fails with kNotFound when it is absent, and with
  // kIo naming the blob otherwise, e.g.
  //   blob sha256:ab..: 12 bytes, expected 4096
  //   blob sha256:ab..: content hashes to sha256:cd..
  // A size below 0 skips the size check.
  Status CheckForUse(const oci::Digest& d, int64_t size) const;
  // Whether `d` is present and its mark still matches it: what
  // CheckForUse trusts without reading. Never hashes.
  bool IsMarked(const oci::Digest& d) const;
  // Records that `d` hashed right as it is now on disk (best effort: with
  // no mark the next use hashes it again).
  void Mark(const oci::Digest& d) const;
  // Moves the damaged blob `d` out of blobs/ into quarantine/<hex>, so that
  // nothing uses it again and it can still be looked at, and drops its
  // mark. A blob already gone is fine.
  Status Quarantine(const oci::Digest& d) const;

 private:
  StorePaths paths_;
};

}  // namespace mybuild::cache
