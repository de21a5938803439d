// RAII file descriptors and small whole-file helpers.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <string_view>

#include "base/status.h"

namespace mybuild {

// Owns one file descriptor; closes it on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() { Reset(); }
  UniqueFd(UniqueFd&& o) noexcept : fd_(o.Release()) {}
  UniqueFd& operator=(UniqueFd&& o) noexcept {
    if (this != &o) Reset(o.Release());
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int Release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void Reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

// open(2) with O_CLOEXEC added; the error names the path.
Expected<UniqueFd> OpenFile(const std::string& path, int flags,
                            mode_t mode = 0644);

// Writes all of `data`, retrying on EINTR and short writes.
Status WriteAll(int fd, std::string_view data, const std::string& what);

// Reads a whole file into memory. For small files only (configs, manifests).
Expected<std::string> ReadFile(const std::string& path);

// Writes `data` to `path` so that readers see either the old file or the
// whole new one: temp file in the same directory, fsync, rename, fsync dir.
Status WriteFileAtomic(const std::string& path, std::string_view data,
                       mode_t mode = 0644);

// fsyncs the directory at `dir` (after a rename into it).
Status SyncDir(const std::string& dir);

// mkdir -p (mode 0755 before umask).
Status MakeDirs(const std::string& path);

// rm -rf that does not follow symlinks.
Status RemoveAll(const std::string& path);

}  // namespace mybuild
