// Unpacking layer blobs into directories, never touching anything outside.
#pragma once

#include <string>

#include "base/status.h"
#include "oci/tar_limits.h"

namespace mybuild::oci {

enum class UnpackMode {
  // Into an empty directory that becomes an overlayfs lower layer: ".wh.x"
  // becomes a char device 0:0 named x, ".wh..wh..opq" sets
  // trusted.overlay.opaque=y on its directory.
  kOverlayLower,
  // Onto a directory holding the layers below (a plain rootfs): ".wh.x"
  // deletes x, ".wh..wh..opq" empties its directory of what lower layers
  // put there. Entries replace what is in their way.
  kApply,
};

// Streams the layer blob at `layer` (tar, tar+gzip or tar+zstd) into
// `target`. Owners, modes (incl. setuid), xattrs and mtimes are restored
// (directory mtimes after their contents); this needs root.
//
// Paths resolve as if `target` were "/" (openat2 RESOLVE_IN_ROOT), so no
// symlink already on disk or in the layer leads outside. Refused, with
// kInvalidArgument naming the entry:
//   layer entry "../x": path escapes the target
//   layer entry "a": symlink target "../../x" escapes the target
//   layer entry "h": hardlink target "../x" escapes the target
// (absolute names and absolute symlink targets are taken relative to the
// target). Entries already applied before an error stay applied.
// Entries, names and bytes are held to `limits` (see LayerReader::Open).
Status UnpackLayer(const std::string& layer, const std::string& target,
                   UnpackMode mode, const TarLimits& limits = {});

}  // namespace mybuild::oci
