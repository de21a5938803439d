// Where a non-root user's mybuild keeps its state and runtime files, as the
// XDG base directory spec places them (podman and buildah do the same).
#ifndef MYBUILD_ROOTLESS_STATE_DIRS_H_
#define MYBUILD_ROOTLESS_STATE_DIRS_H_

#include <functional>
#include <string>

namespace mybuild::rootless {

using Getenv = std::function<std::string(const std::string&)>;

// $XDG_DATA_HOME/mybuild, else $HOME/.local/share/mybuild (relative
// values are ignored, as the spec says).
std::string UserStateDir(const Getenv& getenv);

// $XDG_RUNTIME_DIR/mybuild, else /tmp/mybuild-UID: where the temporary
// files made outside the state directory go (TMPDIR when it is unset).
std::string UserRuntimeDir(const Getenv& getenv, unsigned uid);

// Makes `dir` (0700) or accepts it when it is already a directory (not a
// link) owned by `uid` and closed to others; false otherwise (e.g. someone
// else made /tmp/mybuild-UID first), when it must not be used.
bool PrepareRuntimeDir(const std::string& dir, unsigned uid);

}  // namespace mybuild::rootless

#endif  // MYBUILD_ROOTLESS_STATE_DIRS_H_
