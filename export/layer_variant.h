// One layer of the store written again with another compression (a
// variant), made when an output first needs it and kept for next time, as
// containerd keeps its converted blobs. Layers a build makes are stored as
// plain tars (cheap to write); pushes and exports gzip them here.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"
#include "cache/store_paths.h"
#include "export/output_spec.h"
#include "oci/descriptor.h"
#include "oci/digest.h"

namespace mybuild::exporter {

// `layer` (a blob of `store` whose tar is `diff_id`) compressed as `opts`
// asks: the variant an earlier call made while its blob is still there,
// else a new blob in `store`, remembered under variants/. The descriptor
// keeps `layer`'s media type and annotations; the caller names the new
// type (LayerMediaType). Fails with the read, compression or write error,
// or kInternal when the new blob's tar is not `diff_id`.
Expected<oci::Descriptor> LayerVariant(const cache::StorePaths& store,
                                       const oci::Descriptor& layer,
                                       const oci::Digest& diff_id,
                                       const LayerOptions& opts);

// The layer media type for `c`, OCI or Docker schema2 (zstd: always OCI).
std::string LayerMediaType(bool oci, LayerCompression c);

// The compression a layer media type names; nullopt for a type that is no
// layer.
std::optional<LayerCompression> LayerCompressionOf(const std::string& media_type);

}  // namespace mybuild::exporter
