#include "executor/root_path.h"

#include <linux/magic.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "base/in_root_path.h"

namespace mybuild::executor {
namespace {

// openat2 of `rel` below `dir`; returns -errno on failure.
int OpenAt2(int dir, const std::string& rel, uint64_t flags, uint64_t resolve) {
  open_how how{};
  how.flags = flags | O_CLOEXEC;
  how.resolve = resolve;
  for (;;) {
    long fd = ::syscall(SYS_openat2, dir, rel.empty() ? "." : rel.c_str(), &how,
                        sizeof how);
    if (fd >= 0) return static_cast<int>(fd);
    if (errno != EINTR && errno != EAGAIN) return -errno;
  }
}

// openat2(O_PATH, RESOLVE_IN_ROOT); returns -errno on failure.
int Resolve(int root, const std::string& rel) {
  return OpenAt2(root, rel, O_PATH, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
}

// fstatat(AT_SYMLINK_NOFOLLOW) of `name` in the directory `parent`, and
// readlinkat when it is a symlink; `stat_errno` gets errno when the stat
// fails (the entry is then reported missing).
Expected<InRootEntry> Look(int parent, const std::string& name,
                           const std::string& shown, int* stat_errno) {
  struct stat st;
  if (::fstatat(parent, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    *stat_errno = errno;
    return InRootEntry{InRootEntry::kMissing, ""};
  }
  if (!S_ISLNK(st.st_mode)) return InRootEntry{InRootEntry::kPresent, ""};
  char buf[4096];
  ssize_t n = ::readlinkat(parent, name.c_str(), buf, sizeof buf - 1);
  if (n < 0) return SysError("readlink", shown, errno);
  return InRootEntry{InRootEntry::kSymlink,
                     std::string(buf, static_cast<size_t>(n))};
}

// Makes the missing `name` in `parent`: a directory (0755) when `dir`, an
// empty file (0644) otherwise, never through a symlink.
Status Make(int parent, const std::string& name, bool dir,
            const std::string& shown) {
  int rc = dir ? ::mkdirat(parent, name.c_str(), 0755)
               : ::openat(parent, name.c_str(),
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          0644);
  if (rc < 0) return SysError(dir ? "mkdir" : "create", shown, errno);
  if (!dir) ::close(rc);
  return Status::Ok();
}

// Walks `path` one component at a time, following symlinks by hand within
// the root and making what is missing, so a dangling link's target is made
// inside the root too.
Expected<UniqueFd> Create(int root, const std::string& path, bool dir,
                          const std::string& shown) {
  InRootWalk walk;
  walk.step = [&](const std::vector<std::string>& at, const std::string& name,
                  bool last) -> Expected<InRootEntry> {
    int fd = Resolve(root, JoinInRoot(at));
    if (fd < 0) return SysError("open", shown, -fd);
    UniqueFd parent(fd);
    int err = 0;
    ASSIGN_OR_RETURN(InRootEntry entry, Look(parent.get(), name, shown, &err));
    if (entry.kind != InRootEntry::kMissing) return entry;
    if (err != ENOENT) return SysError("stat", shown, err);
    RETURN_IF_ERROR(Make(parent.get(), name, dir || !last, shown));
    return InRootEntry{InRootEntry::kPresent, ""};
  };
  walk.too_many_links = [&] { return SysError("open", shown, ELOOP); };
  ASSIGN_OR_RETURN(std::string rel, ResolveInRoot(path, walk));
  int fd = Resolve(root, rel);
  if (fd < 0) return SysError("open", shown, -fd);
  return UniqueFd(fd);
}

}  // namespace

Expected<std::string> ResolveParentsInRoot(const std::string& root,
                                           const std::string& path) {
  ASSIGN_OR_RETURN(UniqueFd root_fd, OpenFile(root, O_PATH | O_DIRECTORY));
  const std::string shown = "/" + path;
  InRootWalk walk;
  walk.follow_last = false;
  walk.step = [&](const std::vector<std::string>& at, const std::string& name,
                  bool) -> Expected<InRootEntry> {
    int fd = Resolve(root_fd.get(), JoinInRoot(at));
    if (fd < 0) return InRootEntry{InRootEntry::kMissing, ""};
    UniqueFd parent(fd);
    int err = 0;
    return Look(parent.get(), name, shown, &err);
  };
  walk.too_many_links = [&] { return SysError("resolve", shown, ELOOP); };
  return ResolveInRoot(path, walk);
}

Expected<UniqueFd> OpenMountTarget(const oci::SafeRoot& root,
                                   const std::string& path, bool dir) {
  ASSIGN_OR_RETURN(UniqueFd fd, OpenInRoot(root, path, true, dir));
  const std::string what = "mount target \"" + path + "\"";
  struct stat st, top;
  struct statfs fs;
  if (::fstat(fd.get(), &st) != 0 || ::fstat(root.fd(), &top) != 0 ||
      ::fstatfs(fd.get(), &fs) != 0) {
    return SysError("stat", path, errno);
  }
  if (st.st_dev == top.st_dev && st.st_ino == top.st_ino)
    return IoError(what + ": resolves to the root");
  if (fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC)
    return IoError(what + ": resolves into /proc or /sys");
  return fd;
}

Expected<UniqueFd> OpenBeneath(int dir, const std::string& rel, int flags,
                               const std::string& shown, int* err) {
  int fd =
      OpenAt2(dir, rel, flags,
              RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
  if (fd >= 0) return UniqueFd(fd);
  *err = -fd;
  return SysError("open", shown, -fd);
}

std::string FdPath(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

Expected<UniqueFd> OpenInRoot(const oci::SafeRoot& root,
                              const std::string& path, bool create, bool dir) {
  std::string rel = JoinInRoot(SplitInRoot(path));
  const std::string shown = "/" + rel;
  int fd = Resolve(root.fd(), rel);
  if (fd >= 0) return UniqueFd(fd);
  if (fd != -ENOENT || !create) return SysError("open", shown, -fd);
  return Create(root.fd(), rel, dir, shown);
}

}  // namespace mybuild::executor
