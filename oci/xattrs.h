// Reading and writing extended attributes without following symlinks.
#pragma once

#include <map>
#include <string>

#include "base/status.h"

namespace mybuild::oci {

using Xattrs = std::map<std::string, std::string>;

// All xattrs of the open file `fd`. A file system without xattr support
// gives an empty map. `what` names the file in errors:
//   flistxattr "etc/x": Permission denied
Expected<Xattrs> ReadXattrsFd(int fd, const std::string& what);
// All xattrs of `name` in directory `dirfd` (AT_FDCWD: `name` is a path),
// not following a final symlink.
Expected<Xattrs> ReadXattrsAt(int dirfd, const std::string& name,
                              const std::string& what);

// File capabilities (what setcap writes).
inline constexpr const char kCapabilityXattr[] = "security.capability";

// Whether a layer carries `key`: only file capabilities, as BuildKit's
// layers (containerd's tar ChangeWriter writes security.capability and no
// other xattr), so user.* and trusted.* set by a step stay out of the image.
bool IsLayerXattr(const std::string& key);

// Whether `key` belongs to the host that wrote it rather than to the file:
// trusted.overlay.*, user.overlay.* (overlayfs' own) and security.selinux.
// Layers and ADD never carry these.
bool IsHostXattr(const std::string& key);

// Sets one xattr on the open file `fd`.
Status SetXattrFd(int fd, const std::string& key, const std::string& value,
                  const std::string& what);
// Sets one xattr on `name` in `dirfd`, not following a final symlink. When
// `unsupported` is given, a file system or file type that cannot hold the
// attribute (ENOTSUP, EPERM for user.* on symlinks) sets it to true instead
// of failing.
Status SetXattrAt(int dirfd, const std::string& name, const std::string& key,
                  const std::string& value, const std::string& what,
                  bool* unsupported = nullptr);

}  // namespace mybuild::oci
