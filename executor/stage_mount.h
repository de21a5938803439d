// COPY --from=<stage>: a stage's layers seen as one tree, without an
// unpacked copy: a child process mounts them read-only as an overlay in a
// mount namespace of its own and does the work there.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::executor {

// Runs `fn(root)` in a child process where `root` is a read-only overlay of
// `layers` (top-most first; none means an empty tree), mounted under the
// empty host directory `scratch` and visible to no one else. Returns what
// `fn` returned (code and message); files `fn` writes outside `root` (a
// staging dir) stay. Fails if the mount does: `mount overlay "...": ...`.
// Requires root.
Status WithStageMounted(
    const std::vector<std::string>& layers, const std::string& scratch,
    const std::function<Status(const std::string& root)>& fn);

}  // namespace mybuild::executor
