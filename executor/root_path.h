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

// OpenInRoot with `create`, for a mount point: refused, naming `path`, when
// it resolves to the root itself or into a proc or sysfs file system (where
// an image's link could aim a bind over the kernel's own files):
//   mount target "/etc/hosts": resolves into /proc or /sys
//   mount target "/up": resolves to the root
Expected<UniqueFd> OpenMountTarget(const oci::SafeRoot& root,
                                   const std::string& path, bool dir);

// Opens `rel` (a clean relative path, "" for `dir` itself) below the
// directory fd `dir` with `flags`, never through a symlink in any component
// nor out of `dir` (openat2 RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS): for trees
// whose symlinks must not be followed at all, e.g. a step's upper dir. On
// failure `*err` gets errno (ELOOP for a symlink on the way) and the error
// names `shown`: open "<shown>": ...
Expected<UniqueFd> OpenBeneath(int dir, const std::string& rel, int flags,
                               const std::string& shown, int* err);

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
