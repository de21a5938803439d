// COPY from the build context: fills an empty staging directory with
// exactly what the step adds to the image (the copied files plus the
// destination's parent directories), ready to become a layer and a snapshot.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "executor/layer_view.h"

namespace mybuild::executor {

struct CopyRequest {
  std::string context;               // host directory the sources are in
  std::vector<std::string> sources;  // relative; may hold * ? [..] wildcards
  std::string dest;                  // absolute in the image; '/' kept
  std::optional<uint32_t> uid, gid;  // --chown, resolved; default 0:0
  std::optional<uint32_t> mode;      // --chmod; default: the source's mode
  // Context-relative paths .dockerignore excludes; never copied.
  std::function<bool(const std::string&)> excluded;
};

// Applies Docker's destination rules: a directory source copies its
// contents; a file goes to dest/<name> when dest ends in '/' or is a
// directory in `image`, else to dest itself; several sources need a dest
// ending in '/'. Files keep mode and mtime, symlinks stay symlinks and are
// never followed. Errors:
//   COPY failed: file not found in build context or excluded by .dockerignore:
//   "x" When using COPY with more than one source file, the destination must be
//   a directory and end with a /
Status ApplyCopy(const CopyRequest& request, const LayerView& image,
                 const std::string& staging);

}  // namespace mybuild::executor

namespace mybuild::executor {

// Creates directory `dir` (absolute in the image) and its parents in
// `staging`, each taking its mode, owner and mtime from `image` when the
// image has it, else 0755 root:root with mtime 0 (so layers are
// reproducible). Used by COPY and WORKDIR.
Status StageDirectory(const std::string& dir, const LayerView& image,
                      const std::string& staging);

}  // namespace mybuild::executor
