#include "cache/blob_verify.h"

#include "cache/lazy_layers.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>

#include "base/fd.h"
#include "base/sha256.h"

namespace mybuild::cache {
namespace {

// The facts a mark keeps: any write to the file changes ctime at least.
std::string StatLine(const struct stat& st) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "%llu %llu %lld %lld.%09ld %lld.%09ld\n",
                static_cast<unsigned long long>(st.st_dev),
                static_cast<unsigned long long>(st.st_ino),
                static_cast<long long>(st.st_size),
                static_cast<long long>(st.st_mtim.tv_sec), st.st_mtim.tv_nsec,
                static_cast<long long>(st.st_ctim.tv_sec), st.st_ctim.tv_nsec);
  return buf;
}

}  // namespace

Status BlobVerifier::CheckForUse(const oci::Digest& d, int64_t size) const {
  const std::string path = paths_.Blob(d);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      // Not written yet: its bytes are made from its snapshot, checked
      // against `d` then (lazy_layers.h).
      if (std::optional<LazyLayer> lazy = FindLazyLayer(paths_, d)) {
        if (size < 0 || lazy->size == size) return Status::Ok();
        return IoError("blob " + d.str() + ": " + std::to_string(lazy->size) +
                       " bytes, expected " + std::to_string(size));
      }
      return NotFound("blob " + d.str() + " is not in the store");
    }
    return SysError("stat", path, errno);
  }
  if (size >= 0 && st.st_size != size) {
    return IoError("blob " + d.str() + ": " + std::to_string(st.st_size) +
                   " bytes, expected " + std::to_string(size));
  }
  Expected<std::string> mark = ReadFile(paths_.Verified(d));
  if (mark.ok() && *mark == StatLine(st)) return Status::Ok();
  ASSIGN_OR_RETURN(std::string actual, Sha256File(path));
  if (actual != d.hex()) {
    return IoError("blob " + d.str() + ": content hashes to sha256:" + actual);
  }
  Mark(d);
  return Status::Ok();
}

bool BlobVerifier::IsMarked(const oci::Digest& d) const {
  struct stat st;
  if (::stat(paths_.Blob(d).c_str(), &st) != 0) return false;
  Expected<std::string> mark = ReadFile(paths_.Verified(d));
  return mark.ok() && *mark == StatLine(st);
}

void BlobVerifier::Mark(const oci::Digest& d) const {
  struct stat st;
  if (::stat(paths_.Blob(d).c_str(), &st) != 0) return;
  if (!MakeDirs(paths_.VerifiedDir()).ok()) return;
  // No fsync: a mark lost or torn in a crash only means hashing again.
  static std::atomic<unsigned> counter{0};
  const std::string tmp = paths_.Verified(d) + ".tmp" + std::to_string(::getpid()) +
                          "-" + std::to_string(counter++);
  Expected<UniqueFd> fd = OpenFile(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!fd.ok()) return;
  bool written = WriteAll(fd->get(), StatLine(st), tmp).ok();
  if (!written || ::rename(tmp.c_str(), paths_.Verified(d).c_str()) != 0) {
    ::unlink(tmp.c_str());
  }
}

Status BlobVerifier::Quarantine(const oci::Digest& d) const {
  ::unlink(paths_.Verified(d).c_str());
  RETURN_IF_ERROR(MakeDirs(paths_.QuarantineDir()));
  if (::rename(paths_.Blob(d).c_str(), paths_.Quarantined(d).c_str()) != 0 &&
      errno != ENOENT) {
    return SysError("rename", paths_.Blob(d), errno);
  }
  return Status::Ok();
}

}  // namespace mybuild::cache
