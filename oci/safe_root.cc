#include "oci/safe_root.h"

#include <dirent.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <vector>

namespace mybuild::oci {

Expected<SafeRoot> SafeRoot::Open(const std::string& dir) {
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(dir, O_RDONLY | O_DIRECTORY));
  return SafeRoot(std::move(fd), dir);
}

Expected<UniqueFd> SafeRoot::Resolve(const std::string& dir, int* err) const {
  open_how how{};
  how.flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
  const char* p = dir.empty() ? "." : dir.c_str();
  while (true) {
    long fd = ::syscall(SYS_openat2, fd_.get(), p, &how, sizeof(how));
    if (fd >= 0) return UniqueFd(static_cast<int>(fd));
    if (errno == EINTR || errno == EAGAIN) continue;
    if (errno == ENOSYS) {
      return IoError("openat2 is not supported by this kernel (need 5.6)");
    }
    *err = errno;
    return SysError("open", "/" + dir, *err);
  }
}

Expected<UniqueFd> SafeRoot::OpenDir(std::string_view dir, bool create) const {
  int err = 0;
  auto fd = Resolve(std::string(dir), &err);
  if (fd.ok() || !create || err != ENOENT) return fd;
  // Walk down from the root, making what is missing.
  std::string prefix;
  UniqueFd cur;
  ASSIGN_OR_RETURN(cur, Resolve("", &err));
  size_t start = 0;
  while (start < dir.size()) {
    size_t slash = dir.find('/', start);
    if (slash == std::string_view::npos) slash = dir.size();
    std::string name(dir.substr(start, slash - start));
    prefix += (prefix.empty() ? "" : "/") + name;
    start = slash + 1;
    auto next = Resolve(prefix, &err);
    if (!next.ok() && err == ENOENT) {
      if (::mkdirat(cur.get(), name.c_str(), 0755) != 0 && errno != EEXIST) {
        return SysError("mkdir", "/" + prefix, errno);
      }
      next = Resolve(prefix, &err);
    }
    if (!next.ok()) return next.status();
    cur = std::move(next).value();
  }
  return cur;
}

namespace {

Status RemoveChildren(int dirfd, const std::string& what) {
  int dup = ::fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
  if (dup < 0) return SysError("dup", what, errno);
  DIR* d = ::fdopendir(dup);
  if (!d) {
    ::close(dup);
    return SysError("fdopendir", what, errno);
  }
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  ::closedir(d);
  for (const auto& n : names) {
    RETURN_IF_ERROR(RemoveAt(dirfd, n, what + "/" + n));
  }
  return Status::Ok();
}

}  // namespace

Status RemoveAt(int dirfd, const std::string& name, const std::string& what) {
  if (::unlinkat(dirfd, name.c_str(), 0) == 0 || errno == ENOENT) {
    return Status::Ok();
  }
  if (errno != EISDIR && errno != EPERM) return SysError("unlink", what, errno);
  int fd = ::openat(dirfd, name.c_str(),
                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return SysError("open", what, errno);
  UniqueFd child(fd);
  RETURN_IF_ERROR(RemoveChildren(child.get(), what));
  if (::unlinkat(dirfd, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
    return SysError("rmdir", what, errno);
  }
  return Status::Ok();
}

}  // namespace mybuild::oci
