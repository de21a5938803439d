// The final root filesystem of an image, as -o type=local and type=tar
// write it: every layer applied in order (whiteouts honoured), owners,
// modes, xattrs and mtimes kept, symlinks written as links.
#pragma once

#include <string>

#include "base/status.h"
#include "cache/store_paths.h"
#include "export/image_variant.h"

namespace mybuild::exporter {

// Applies the layers of `image` onto the directory `dest` (created when
// missing; what is there stays unless a layer replaces it). Needs root to
// keep owners. Fails with the unpack error naming the layer entry.
Status WriteRootfsDir(const cache::StorePaths& store, const StoredImage& image,
                      const std::string& dest);

// The same tree as one tar at `dest` ("-": stdout), numeric owners only,
// unpacked first in a scratch directory of `store` that is removed after.
Status WriteRootfsTar(const cache::StorePaths& store, const StoredImage& image,
                      const std::string& dest);

}  // namespace mybuild::exporter
