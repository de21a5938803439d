// The walk that resolves a path inside a directory treated as "/": one
// component at a time, each symlink followed by hand so that an absolute
// target starts again at the root and ".." stops there. The file system is
// reached only through a caller-supplied step, so each caller keeps its own
// I/O (host paths, directory fds) and its own error messages.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild {

// What a step found at one component.
struct InRootEntry {
  enum Kind {
    kPresent,  // exists and is no symlink: the walk goes on below it
    kSymlink,  // a symlink: `target` is spliced in place of the component
    kMissing,  // absent (or not reachable): the rest is kept as written
  };
  Kind kind = kPresent;
  std::string target;  // kSymlink only: readlink's bytes
};

// How one walk looks at the file system.
struct InRootWalk {
  // Whether a symlink as the last component is followed.
  bool follow_last = true;
  // Asked about `name` inside the directory that `dir` (components from the
  // root, none ".." and none a symlink) names; `last` says nothing follows
  // it. An error stops the walk and is returned as is.
  std::function<Expected<InRootEntry>(const std::vector<std::string>& dir,
                                      const std::string& name, bool last)>
      step;
  // The error returned when a 41st symlink is met (a loop, or too deep).
  std::function<Status()> too_many_links;
};

// The most symlinks one walk follows.
inline constexpr int kMaxInRootLinks = 40;

// The clean root-relative path ("" for the root itself, no leading '/')
// that `path` (read as absolute in the root; "", "." and repeated '/' are
// ignored) names once the symlinks that `walk.step` reports are followed.
// ".." above the root stays at the root. From the first component reported
// missing on, the rest is kept as written, its ".." still applied. Fails
// with what `walk.step` fails with, or with `walk.too_many_links()` after
// kMaxInRootLinks symlinks.
Expected<std::string> ResolveInRoot(const std::string& path,
                                    const InRootWalk& walk);

// `path`'s components in order, "" and "." left out, ".." kept as is.
std::vector<std::string> SplitInRoot(const std::string& path);

// "a/b/c" for {"a", "b", "c"}; "" for none.
std::string JoinInRoot(const std::vector<std::string>& parts);

}  // namespace mybuild
