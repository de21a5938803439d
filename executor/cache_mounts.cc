#include "executor/cache_mounts.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "base/sha256.h"

namespace mybuild::executor {
namespace {

// Makes `dir` with its owner and mode whole, by rename, if it is missing.
Status EnsureDir(const std::string& dir, uint32_t uid, uint32_t gid,
                 uint32_t mode) {
  struct stat st;
  if (::stat(dir.c_str(), &st) == 0) return Status::Ok();
  // Unique per call: two steps of one build may lease the same cache at
  // once (a shared mount), and a pid alone would give them one name.
  std::string tmp = dir + ".new-XXXXXX";
  if (::mkdtemp(tmp.data()) == nullptr) return SysError("mkdtemp", tmp, errno);
  if (::chown(tmp.c_str(), uid, gid) != 0) return SysError("chown", tmp, errno);
  if (::chmod(tmp.c_str(), mode) != 0) return SysError("chmod", tmp, errno);
  if (::rename(tmp.c_str(), dir.c_str()) == 0) return Status::Ok();
  int err = errno;
  ::rmdir(tmp.c_str());
  if (err == EEXIST || err == ENOTEMPTY) return Status::Ok();  // made meanwhile
  return SysError("rename", dir, err);
}

// Locks `lock_path` with `op`; false (no error) when LOCK_NB finds it busy.
Expected<bool> Lock(const UniqueFd& fd, int op, const std::string& lock_path) {
  while (::flock(fd.get(), op) != 0) {
    if (errno == EWOULDBLOCK && (op & LOCK_NB)) return false;
    if (errno != EINTR) return SysError("flock", lock_path, errno);
  }
  return true;
}

}  // namespace

std::string CacheIdentity(const frontend::MountSpec& m) {
  std::string id = m.id;
  if (id.empty()) {
    id = std::filesystem::path(m.target).lexically_normal().string();
    while (id.size() > 1 && id.back() == '/') id.pop_back();
  }
  if (!m.uid && !m.gid && !m.mode) return id;
  char dir[64];
  std::snprintf(dir, sizeof dir, ":dir %u:%u %o", m.uid.value_or(0),
                m.gid.value_or(0), m.mode.value_or(0755));
  return id + dir;
}

std::string CacheMountDir(const std::string& cache_root, const std::string& id) {
  return cache_root + "/" + Sha256Hex(id) + "-0";
}

Expected<CacheMountLease> LeaseCacheMount(const std::string& cache_root,
                                          const std::string& id,
                                          frontend::CacheSharing sharing,
                                          uint32_t uid, uint32_t gid,
                                          uint32_t mode) {
  RETURN_IF_ERROR(MakeDirs(cache_root));
  const std::string base = cache_root + "/" + Sha256Hex(id);
  for (int instance = 0;; ++instance) {
    std::string dir = base + "-" + std::to_string(instance);
    std::string lock_path = dir + ".lock";
    ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(lock_path, O_RDWR | O_CREAT, 0600));
    int op = sharing == frontend::CacheSharing::kShared   ? LOCK_SH
             : sharing == frontend::CacheSharing::kLocked ? LOCK_EX
                                                          : LOCK_EX | LOCK_NB;
    ASSIGN_OR_RETURN(bool locked, Lock(fd, op, lock_path));
    if (!locked) continue;  // private, and someone uses this one
    RETURN_IF_ERROR(EnsureDir(dir, uid, gid, mode));
    return CacheMountLease(dir, std::move(fd));
  }
}

}  // namespace mybuild::executor
