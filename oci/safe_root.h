// A directory treated as "/" while unpacking into it: every lookup below it
// is resolved with openat2(RESOLVE_IN_ROOT), so neither ".." nor a symlink
// (absolute or relative) can reach outside, whatever is already on disk.
#pragma once

#include <string>
#include <string_view>

#include "base/fd.h"
#include "base/status.h"

namespace mybuild::oci {

class SafeRoot {
 public:
  // Opens `dir`, which must exist and be a directory.
  static Expected<SafeRoot> Open(const std::string& dir);

  // Opens the directory at clean path `dir` ("" = the root), symlinks
  // resolved as if the root were "/". With `create`, missing directories
  // are made (mode 0755, owned by the caller). Fails with the system error
  // naming `dir`, or kIo "openat2 is not supported by this kernel" before
  // Linux 5.6.
  Expected<UniqueFd> OpenDir(std::string_view dir, bool create) const;

  int fd() const { return fd_.get(); }
  const std::string& path() const { return path_; }

 private:
  SafeRoot(UniqueFd fd, std::string path)
      : fd_(std::move(fd)), path_(std::move(path)) {}
  // `err` receives the errno of a failure.
  Expected<UniqueFd> Resolve(const std::string& dir, int* err) const;
  UniqueFd fd_;
  std::string path_;
};

// Removes `name` in directory `dirfd`, recursively if it is a directory,
// never following symlinks. A missing `name` is not an error. `what` names
// it in errors.
Status RemoveAt(int dirfd, const std::string& name, const std::string& what);

}  // namespace mybuild::oci
