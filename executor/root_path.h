// Paths inside a directory treated as "/": symlinks, absolute or relative,
// and ".." resolve inside it (openat2 RESOLVE_IN_ROOT), whatever an image
// or a build context holds.
#pragma once

#include <string>

#include "base/fd.h"
#include "base/status.h"
#include "oci/safe_root.h"

namespace mybuild::executor {

// Opens `path` (read as absolute in `root`) with O_PATH. With `create`,
// what is missing is made: parent directories (0755) and the last component
// as a directory (0755) or an empty file (0644), as `dir` says. Fails with
// the system error naming the path as seen in the root, e.g.
//   open "/run/x": No such file or directory
Expected<UniqueFd> OpenInRoot(const oci::SafeRoot& root,
                              const std::string& path, bool create, bool dir);

// The clean relative path (no leading '/', "" for the root) that `path`
// names under the host directory `root` once every symlink among its
// directories is resolved inside `root`; the last component is kept as it
// is (a symlink there is not followed). What is missing is kept as
// written. Fails naming the path on a loop or an unreadable directory.
Expected<std::string> ResolveParentsInRoot(const std::string& root,
                                           const std::string& path);

// "/proc/self/fd/N": names what `fd` refers to, for calls that take paths.
std::string FdPath(int fd);

}  // namespace mybuild::executor
