// Which xattr namespace overlayfs keeps its marks (opaque directories) in for
// this process: trusted.overlay.* in the initial user namespace, and
// user.overlay.* (the `userxattr` mount option) inside any other, such as a
// rootless build's, where trusted.* can be neither written nor read.
#pragma once

#include <string>

namespace mybuild::oci {

// Whether this process runs in a user namespace other than the initial one
// (decided once, from /proc/self/uid_map).
bool OverlayUsesUserXattrs();

// "trusted.overlay.opaque" or "user.overlay.opaque", as above.
const std::string& OverlayOpaqueXattr();

// Whether an upper dir may come from fuse-overlayfs (see executor's
// MountRootOverlay): in a user namespace, or with
// MYBUILD_FORCE_FUSE_OVERLAYFS=1. Only then are ".wh.X" files read as
// whiteouts; elsewhere such a name stays an error, as before.
bool UpperMayHoldFuseOverlayfsMarks();

// The same choice for a uid_map's text (tests).
bool UidMapIsInitial(const std::string& uid_map);

}  // namespace mybuild::oci
