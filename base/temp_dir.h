// A directory that is removed, with everything in it, when its owner goes.
#pragma once

#include <string>

#include "base/status.h"

namespace mybuild {

class TempDir {
 public:
  // Creates a fresh directory under `parent` (default: $TMPDIR or /tmp).
  static Expected<TempDir> Create(const std::string& parent = "");

  TempDir(TempDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  TempDir& operator=(TempDir&& o) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  const std::string& path() const { return path_; }

 private:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace mybuild
