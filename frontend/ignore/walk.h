// Lists what of a build context a .dockerignore leaves in.
#pragma once

#include <functional>
#include <string>

#include "base/status.h"
#include "frontend/ignore/matcher.h"

namespace mybuild::frontend::ignore {

enum class EntryType { kFile, kDir, kSymlink, kOther };

struct ContextEntry {
  std::string path;  // relative to the context, clean, '/'-separated
  EntryType type;
};

using ContextVisitor = std::function<Status(const ContextEntry&)>;

// Walks `context_dir` depth first, names in byte order, and calls `visit` for
// every entry `matcher` does not exclude, parents before children. An
// excluded directory is walked only when an exception might re-include
// something under it (Matcher::MayReincludeUnder); otherwise it is not even
// opened. Such a directory is reported, just before its first included
// descendant, only if it has one (BuildKit sends the parents of included
// files). Symlinks are reported and never followed. Stops at the first error
// of `visit` and returns it, or at the first failing system call:
//   open "<context_dir>/<path>": <strerror>
Status WalkContext(const std::string& context_dir, const Matcher& matcher,
                   const ContextVisitor& visit);

// Whether the build context BuildKit would transfer lacks `path` (clean,
// relative): `matcher` excludes it and it is not a directory that some
// re-included entry lies under (BuildKit keeps the directories leading to
// what a `!` pattern re-includes, and only those of their children that are
// re-included). A directory on the way that is a symlink, or that cannot be
// read, leads to nothing re-included. Reads only excluded directories that
// an exception might re-include something under.
bool HiddenFromContext(const std::string& context_dir, const Matcher& matcher,
                       const std::string& path);

}  // namespace mybuild::frontend::ignore
