#include "cache/blob_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>
#include <atomic>
#include <cerrno>

#include "base/fd.h"
#include "base/sha256.h"
#include "cache/blob_verify.h"
#include "cache/lazy_layers.h"

namespace mybuild::cache {

Expected<BlobStore> BlobStore::Open(const StorePaths& paths) {
  RETURN_IF_ERROR(MakeDirs(paths.BlobsDir()));
  RETURN_IF_ERROR(MakeDirs(paths.TmpDir()));
  return BlobStore(paths);
}

bool BlobStore::HasFile(const oci::Digest& d) const {
  struct stat st;
  return ::stat(Path(d).c_str(), &st) == 0;
}

bool BlobStore::Has(const oci::Digest& d) const {
  return HasFile(d) || FindLazyLayer(paths_, d).has_value();
}

Expected<int64_t> BlobStore::Size(const oci::Digest& d) const {
  struct stat st;
  if (::stat(Path(d).c_str(), &st) != 0) {
    if (std::optional<LazyLayer> lazy = FindLazyLayer(paths_, d)) return lazy->size;
    return NotFound("blob " + d.str() + " is not in the store");
  }
  return static_cast<int64_t>(st.st_size);
}

Expected<std::string> BlobStore::NewTempPath() const {
  static std::atomic<unsigned> counter{0};
  return paths_.TmpDir() + "/blob-" + std::to_string(::getpid()) + "-" +
         std::to_string(counter++);
}

Status BlobStore::Commit(const std::string& tmp_path,
                         const oci::Digest& expected) {
  ASSIGN_OR_RETURN(std::string actual, Sha256File(tmp_path));
  if (actual != expected.hex()) {
    ::unlink(tmp_path.c_str());
    return Internal("blob digest mismatch: expected " + expected.str() +
                    ", got sha256:" + actual);
  }
  return CommitWritten(tmp_path, expected);
}

Status BlobStore::CommitWritten(const std::string& tmp_path,
                                const oci::Digest& expected) {
  // One already present is kept while its mark says it verifies. Any other
  // is replaced by the fresh copy, which hashed right, without reading the
  // present one: hashing it could only tell whether to keep it.
  BlobVerifier verifier(paths_);
  if (verifier.IsMarked(expected)) {
    ::unlink(tmp_path.c_str());
    return Status::Ok();
  }
  {
    ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(tmp_path, O_RDONLY));
    if (::fsync(fd.get()) != 0) return SysError("fsync", tmp_path, errno);
  }
  if (::rename(tmp_path.c_str(), Path(expected).c_str()) != 0) {
    return SysError("rename", Path(expected), errno);
  }
  RETURN_IF_ERROR(SyncDir(paths_.BlobsDir()));
  verifier.Mark(expected);
  ForgetLazyLayer(paths_, expected);  // written now, if it was lazy
  return Status::Ok();
}

Status BlobStore::CommitUnsynced(const std::string& tmp_path, const oci::Digest& written) {
  if (BlobVerifier(paths_).IsMarked(written)) {
    ::unlink(tmp_path.c_str());
    return Status::Ok();
  }
  if (::rename(tmp_path.c_str(), Path(written).c_str()) != 0) {
    return SysError("rename", Path(written), errno);
  }
  ForgetLazyLayer(paths_, written);
  return Status::Ok();
}

void UnsyncedBlobs::Add(const oci::Digest& d) {
  std::lock_guard<std::mutex> lock(mu_);
  blobs_.push_back(d);
}

bool UnsyncedBlobs::Has(const oci::Digest& d) const {
  std::lock_guard<std::mutex> lock(mu_);
  return std::find(blobs_.begin(), blobs_.end(), d) != blobs_.end();
}

Status UnsyncedBlobs::Sync() {
  std::vector<oci::Digest> blobs;
  {
    std::lock_guard<std::mutex> lock(mu_);
    blobs.swap(blobs_);
  }
  if (blobs.empty()) return Status::Ok();
  for (const oci::Digest& d : blobs) {
    const std::string path = paths_.Blob(d);
    ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(path, O_RDONLY));
    if (::fsync(fd.get()) != 0) return SysError("fsync", path, errno);
  }
  RETURN_IF_ERROR(SyncDir(paths_.BlobsDir()));
  BlobVerifier verifier(paths_);
  for (const oci::Digest& d : blobs) verifier.Mark(d);
  return Status::Ok();
}

Expected<oci::Digest> BlobStore::Put(std::string_view data) {
  oci::Digest d = oci::Digest::Of(data);
  if (HasFile(d) && BlobVerifier(paths_).CheckForUse(d, data.size()).ok()) return d;
  RETURN_IF_ERROR(WriteFileAtomic(Path(d), data));
  BlobVerifier(paths_).Mark(d);
  return d;
}

Expected<std::string> BlobStore::Get(const oci::Digest& d) const {
  Expected<std::string> data = ReadFile(Path(d));
  if (!data.ok() && !Has(d)) {
    return NotFound("blob " + d.str() + " is not in the store");
  }
  // Small enough to hash on every read: a damaged config or manifest is
  // never parsed as if it were the one its digest names.
  if (data.ok() && oci::Digest::Of(*data) != d) {
    return IoError("blob " + d.str() + ": content hashes to " + oci::Digest::Of(*data).str());
  }
  return data;
}

}  // namespace mybuild::cache
