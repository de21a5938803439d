#include "executor/root_path.h"

#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <deque>
#include <sstream>

namespace mybuild::executor {
namespace {

// openat2(O_PATH, RESOLVE_IN_ROOT); returns -errno on failure.
int Resolve(int root, const std::string& rel) {
  open_how how{};
  how.flags = O_PATH | O_CLOEXEC;
  how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
  for (;;) {
    long fd = ::syscall(SYS_openat2, root, rel.empty() ? "." : rel.c_str(),
                        &how, sizeof how);
    if (fd >= 0) return static_cast<int>(fd);
    if (errno != EINTR && errno != EAGAIN) return -errno;
  }
}

std::deque<std::string> Components(const std::string& path) {
  std::deque<std::string> parts;
  std::stringstream in(path);
  for (std::string p; std::getline(in, p, '/');) {
    if (!p.empty() && p != ".") parts.push_back(p);
  }
  return parts;
}

std::string Join(const std::deque<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

// Walks `path` one component at a time, following symlinks by hand within
// the root and making what is missing, so a dangling link's target is made
// inside the root too.
Expected<UniqueFd> Create(int root, const std::string& path, bool dir,
                          const std::string& shown) {
  std::deque<std::string> todo = Components(path);
  std::deque<std::string> at;  // where we are, as components from the root
  int links = 0;
  while (!todo.empty()) {
    std::string name = todo.front();
    todo.pop_front();
    if (name == "..") {
      if (!at.empty()) at.pop_back();
      continue;
    }
    int fd = Resolve(root, Join(at));
    if (fd < 0) return SysError("open", shown, -fd);
    UniqueFd parent(fd);
    struct stat st;
    if (::fstatat(parent.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
      if (!S_ISLNK(st.st_mode)) {
        at.push_back(name);
        continue;
      }
      if (++links > 40) return SysError("open", shown, ELOOP);
      char buf[4096];
      ssize_t n = ::readlinkat(parent.get(), name.c_str(), buf, sizeof buf - 1);
      if (n < 0) return SysError("readlink", shown, errno);
      std::string target(buf, static_cast<size_t>(n));
      if (target[0] == '/') at.clear();
      std::deque<std::string> more = Components(target);
      todo.insert(todo.begin(), more.begin(), more.end());
      continue;
    }
    if (errno != ENOENT) return SysError("stat", shown, errno);
    bool make_dir = dir || !todo.empty();
    int rc =
        make_dir
            ? ::mkdirat(parent.get(), name.c_str(), 0755)
            : ::openat(parent.get(), name.c_str(),
                       O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                       0644);
    if (rc < 0) return SysError(make_dir ? "mkdir" : "create", shown, errno);
    if (!make_dir) ::close(rc);
    at.push_back(name);
  }
  int fd = Resolve(root, Join(at));
  if (fd < 0) return SysError("open", shown, -fd);
  return UniqueFd(fd);
}

}  // namespace

Expected<std::string> ResolveParentsInRoot(const std::string& root,
                                           const std::string& path) {
  ASSIGN_OR_RETURN(UniqueFd root_fd, OpenFile(root, O_PATH | O_DIRECTORY));
  std::deque<std::string> todo = Components(path);
  std::deque<std::string> at;
  int links = 0;
  while (todo.size() > 1) {
    std::string name = todo.front();
    todo.pop_front();
    if (name == "..") {
      if (!at.empty()) at.pop_back();
      continue;
    }
    int fd = Resolve(root_fd.get(), Join(at));
    struct stat st;
    if (fd < 0 || ::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (fd >= 0) ::close(fd);
      at.push_back(name);  // missing: the rest stays as written
      break;
    }
    UniqueFd parent(fd);
    if (!S_ISLNK(st.st_mode)) {
      at.push_back(name);
      continue;
    }
    if (++links > 40) return SysError("resolve", "/" + path, ELOOP);
    char buf[4096];
    ssize_t n = ::readlinkat(parent.get(), name.c_str(), buf, sizeof buf - 1);
    if (n < 0) return SysError("readlink", "/" + path, errno);
    std::string target(buf, static_cast<size_t>(n));
    if (!target.empty() && target[0] == '/') at.clear();
    std::deque<std::string> more = Components(target);
    todo.insert(todo.begin(), more.begin(), more.end());
  }
  for (const std::string& rest : todo) {
    if (rest == "..") {
      if (!at.empty()) at.pop_back();
    } else {
      at.push_back(rest);
    }
  }
  return Join(at);
}

std::string FdPath(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

Expected<UniqueFd> OpenInRoot(const oci::SafeRoot& root,
                              const std::string& path, bool create, bool dir) {
  std::string rel = Join(Components(path));
  const std::string shown = "/" + rel;
  int fd = Resolve(root.fd(), rel);
  if (fd >= 0) return UniqueFd(fd);
  if (fd != -ENOENT || !create) return SysError("open", shown, -fd);
  return Create(root.fd(), rel, dir, shown);
}

}  // namespace mybuild::executor
