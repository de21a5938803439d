// Reads the merged view of a stack of overlay-format layer directories
// without mounting them: what a path is in the image, and small files such
// as /etc/passwd. Whiteouts (char device 0:0) and opaque directories
// (trusted.overlay.opaque=y) hide what lies below, as overlayfs does.
#pragma once

#include <sys/stat.h>

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::executor {

class LayerView {
 public:
  // `layers` are directories, top-most first.
  explicit LayerView(std::vector<std::string> layers)
      : layers_(std::move(layers)) {}

  const std::vector<std::string>& layers() const { return layers_; }

  // lstat of `path` (absolute, inside the image) in the merged view; nullopt
  // when absent. Symlinks in the path's directories are not followed.
  std::optional<struct stat> Lstat(const std::string& path) const;
  // The host path of the top-most layer's copy of `path`, or "" if absent.
  std::string HostPath(const std::string& path) const;
  // Contents of a regular file, "" when absent (passwd, group).
  Expected<std::string> ReadSmallFile(const std::string& path) const;

 private:
  std::vector<std::string> layers_;
};

}  // namespace mybuild::executor
