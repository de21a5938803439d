// Reads the merged view of a stack of overlay-format layer directories
// without mounting them: what a path is in the image, and small files such
// as /etc/passwd. Whiteouts (char device 0:0) and opaque directories
// (trusted.overlay.opaque=y) hide what lies below, as overlayfs does.
// Every look-up goes down one component at a time from a directory fd with
// O_NOFOLLOW: no symlink a layer holds is ever followed on the host.
#pragma once

#include <sys/stat.h>

#include <optional>
#include <string>
#include <vector>

#include "base/fd.h"
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
  // Contents of a regular file (passwd, group), symlinks on the way
  // followed inside the view as Resolve does; "" when absent or no regular
  // file. Fails naming the layer's file when it cannot be read or holds
  // more than kMaxSmallFile bytes, and as Resolve fails.
  Expected<std::string> ReadSmallFile(const std::string& path) const;
  static constexpr size_t kMaxSmallFile = size_t{16} << 20;
  // The clean relative path ("" for the root) that `path` names in the
  // merged view once every symlink on the way, the last one too, is
  // followed as if the view were "/" (what the sandbox's in-root look-ups
  // reach); from the first missing component on, the rest is kept as
  // written. Fails naming `path` on a loop:
  //   resolve "/etc": Too many levels of symbolic links
  Expected<std::string> Resolve(const std::string& path) const;

 private:
  // The top-most layer's entry for `path`: its directory, name, and lstat.
  struct Entry {
    UniqueFd dir;
    std::string name;
    struct stat st;
    std::string layer;  // for messages
  };
  std::optional<Entry> Find(const std::string& path) const;

  std::vector<std::string> layers_;
};

}  // namespace mybuild::executor
