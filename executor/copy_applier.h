// COPY and ADD into an empty staging directory: exactly what the step adds
// to the image (the copied files plus the destination's parent
// directories), ready to become a layer and a snapshot.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "executor/copy_chmod.h"
#include "executor/copy_sources.h"
#include "executor/layer_view.h"
#include "frontend/ignore/matcher.h"

namespace mybuild::executor {

struct CopyRequest {
  std::vector<CopyItem> items;       // in order; see FindSources
  std::string dest;                  // absolute in the image; '/' kept
  std::optional<uint32_t> uid, gid;  // --chown, resolved
  // Without --chown: whether files keep their owners (COPY --from) or
  // become root's (the context, downloads, heredocs).
  bool keep_owners = false;
  std::optional<ChmodSpec> chmod;  // --chmod, for files and directories
  // Paths .dockerignore excludes, relative to the context (CopyItem::context).
  std::function<bool(const std::string&)> excluded;
  // --exclude, matched against paths relative to each source (a file
  // source is its own name).
  frontend::ignore::Matcher exclude;
  bool parents = false;       // --parents: items land at dest/<item.keep>
  std::string what = "COPY";  // "ADD" in messages
};

// Applies BuildKit's destination rules: symlinks on the way to dest, the
// last one too, are followed inside `image` (LayerView::Resolve); a
// directory source copies its contents; a file goes to dest/<name> when
// dest ends in '/' or is a directory in `image`, else to dest itself;
// several sources need a dest ending in '/'. Files keep mode (unless
// --chmod), mtime and extended attributes (file capabilities too), owners
// become --chown, else as keep_owners says; copied symlinks stay symlinks
// and are never followed, hardlinked files stay hardlinked. Directories
// the destination needs are made as StageDirectory makes them, owned by
// --chown (else root); the image's keep owner, mode and mtime, even when
// something is copied into them. Archives marked unpack are extracted into
// the destination directory. Errors:
//   When using COPY with more than one source file, the destination must be a
//   directory and end with a /
//   resolve "/l": Too many levels of symbolic links
Status ApplyCopy(const CopyRequest& request, const LayerView& image,
                 const std::string& staging);

// Creates directory `dir` (absolute in the image) and its parents in
// `staging`, each taking its mode, owner and mtime from `image` when the
// image has it, else 0755 `uid`:`gid` with mtime 0 (so layers are
// reproducible); making a child does not change those mtimes. Used by COPY
// (owned by --chown or root) and WORKDIR (owned by the USER).
// Fails with mkdir "<staging path>": Not a directory where `staging`
// already holds something else, such as a link an earlier source copied.
Status StageDirectory(const std::string& dir, const LayerView& image,
                      const std::string& staging, uint32_t uid = 0,
                      uint32_t gid = 0);

}  // namespace mybuild::executor
