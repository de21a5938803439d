// Adding a whole directory tree to a layer, e.g. an overlay upper dir.
#pragma once

#include <cstdint>
#include <string>

#include "base/status.h"
#include "oci/layer_writer.h"

namespace mybuild::oci {

struct TreeOptions {
  // Turn overlayfs markers into OCI whiteouts: a char device 0:0 named x
  // becomes ".wh.x"; a directory with trusted.overlay.opaque=y (or
  // user.overlay.opaque=y) is written, followed by its ".wh..wh..opq".
  bool overlay_whiteouts = true;
  // When >= 0, mtimes later than this are clamped to it
  // (SOURCE_DATE_EPOCH).
  int64_t max_mtime = -1;
};

// Adds everything under `root` (not `root` itself) to `w`: names sorted
// bytewise, each directory before its contents. Regular files are streamed.
// Files sharing an inode become hardlink entries to the first one written.
// Sockets are skipped. Of the xattrs only file capabilities are kept (see
// IsLayerXattr). Fails on the first I/O error, naming
// the path.
Status AddTree(LayerWriter& w, const std::string& root,
               const TreeOptions& options = {});

}  // namespace mybuild::oci
