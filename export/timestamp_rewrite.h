// SOURCE_DATE_EPOCH applied at export, as BuildKit's image exporters do
// with -o ...,source-date-epoch=N and rewrite-timestamp=true: the config's
// `created` becomes the epoch and the build's history times are clamped to
// it; with rewrite-timestamp the layers the build made are written again
// with every mtime later than the epoch set to it. The FROM image's layers
// and history are left byte-identical.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/status.h"
#include "cache/store_paths.h"
#include "export/image_variant.h"

namespace mybuild::exporter {

struct EpochRewrite {
  int64_t epoch = 0;        // seconds since 1970
  bool layers = false;      // rewrite-timestamp=true: the layer tars too
  size_t base_layers = 0;   // layers of the FROM image, never rewritten
  size_t base_history = 0;  // history entries of the FROM image, kept
};

// `image` with the epoch applied; the new layers, config and manifest go
// into `store`. A layer whose tar comes out the same (e.g. made with
// SOURCE_DATE_EPOCH already) keeps its blob; an image with nothing to
// change is returned as it is (same digest). A layer rewritten so before
// (variants/<layer>/epoch-N) is reused while its blob exists. Fails with
// the read or write error, naming the layer.
Expected<StoredImage> ApplyEpoch(const cache::StorePaths& store, const StoredImage& image,
                                 const EpochRewrite& opts);

}  // namespace mybuild::exporter
