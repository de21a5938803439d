#include "oci/xattrs.h"

#include <fcntl.h>
#include <sys/xattr.h>

#include <cerrno>
#include <functional>
#include <vector>

namespace mybuild::oci {
namespace {

bool Unsupported(int err) { return err == ENOTSUP || err == ENODATA; }

// Calls `get` with a growing buffer until the value fits.
Expected<std::string> Grow(const std::function<ssize_t(char*, size_t)>& get,
                           const std::string& call, const std::string& what) {
  std::vector<char> buf(256);
  while (true) {
    ssize_t n = get(buf.data(), buf.size());
    if (n >= 0) return std::string(buf.data(), n);
    if (errno != ERANGE) return SysError(call, what, errno);
    ssize_t need = get(nullptr, 0);
    if (need < 0) return SysError(call, what, errno);
    buf.resize(static_cast<size_t>(need) + 1);
  }
}

// Reads every attribute through `list` and `get` (f- or l- variants).
Expected<Xattrs> ReadAll(
    const std::function<ssize_t(char*, size_t)>& list,
    const std::function<ssize_t(const char*, char*, size_t)>& get,
    const std::string& prefix, const std::string& what) {
  ssize_t size = list(nullptr, 0);
  if (size < 0) {
    int err = errno;
    if (Unsupported(err)) return Xattrs();
    return SysError(prefix + "listxattr", what, err);
  }
  if (size == 0) return Xattrs();  // most files: one call
  auto names = Grow(list, prefix + "listxattr", what);
  if (!names.ok()) return names.status();
  Xattrs out;
  for (size_t i = 0; i < names->size();) {
    std::string key(names->c_str() + i);
    i += key.size() + 1;
    if (get(key.c_str(), nullptr, 0) < 0 && errno == ENODATA) continue;
    auto v = Grow([&](char* b, size_t n) { return get(key.c_str(), b, n); },
                  prefix + "getxattr", what + " " + key);
    if (!v.ok()) return v.status();
    out[key] = *v;
  }
  return out;
}

std::string ProcPath(int dirfd, const std::string& name) {
  if (dirfd == AT_FDCWD) return name;
  return "/proc/self/fd/" + std::to_string(dirfd) + "/" + name;
}

}  // namespace

bool IsHostXattr(const std::string& key) {
  return key.starts_with("trusted.overlay.") ||
         key.starts_with("user.overlay.") ||
         key.starts_with("user.fuseoverlayfs.") || key == "security.selinux";
}

bool IsLayerXattr(const std::string& key) { return key == kCapabilityXattr; }

Expected<Xattrs> ReadXattrsFd(int fd, const std::string& what) {
  return ReadAll([&](char* b, size_t n) { return ::flistxattr(fd, b, n); },
                 [&](const char* k, char* b, size_t n) {
                   return ::fgetxattr(fd, k, b, n);
                 },
                 "f", what);
}

Expected<Xattrs> ReadXattrsAt(int dirfd, const std::string& name,
                              const std::string& what) {
  std::string p = ProcPath(dirfd, name);
  return ReadAll(
      [&](char* b, size_t n) { return ::llistxattr(p.c_str(), b, n); },
      [&](const char* k, char* b, size_t n) {
        return ::lgetxattr(p.c_str(), k, b, n);
      },
      "l", what);
}

Status SetXattrFd(int fd, const std::string& key, const std::string& value,
                  const std::string& what) {
  if (::fsetxattr(fd, key.c_str(), value.data(), value.size(), 0) != 0) {
    return SysError("fsetxattr " + key, what, errno);
  }
  return Status::Ok();
}

Status SetXattrAt(int dirfd, const std::string& name, const std::string& key,
                  const std::string& value, const std::string& what,
                  bool* unsupported) {
  std::string p = ProcPath(dirfd, name);
  if (::lsetxattr(p.c_str(), key.c_str(), value.data(), value.size(), 0) ==
      0) {
    return Status::Ok();
  }
  int err = errno;
  bool user_on_special = err == EPERM && key.starts_with("user.");
  if (unsupported && (err == ENOTSUP || user_on_special)) {
    *unsupported = true;
    return Status::Ok();
  }
  return SysError("lsetxattr " + key, what, err);
}

}  // namespace mybuild::oci
