// One layer of the store written again with another compression (a
// variant), made when an output first needs it and kept for next time, as
// containerd keeps its converted blobs. Layers a build makes are stored as
// plain tars (cheap to write); pushes and exports gzip them here.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"
#include "cache/blob_store.h"
#include "cache/store_paths.h"
#include "export/output_spec.h"
#include "oci/descriptor.h"
#include "oci/digest.h"

namespace mybuild::exporter {

// The gzip level of a variant when the output names none: the lowest
// libdeflate level whose blobs are no bigger than skopeo's (Go's pgzip at
// its default), so a push costs no bytes against the peers' and half the
// CPU of level 6. Measured on 100 MB tars of /usr/bin+/usr/share/doc and
// of /usr/lib/x86_64-linux-gnu (libdeflate 1.14, 1 MiB members; CPU time):
//   level      1      2      3      4      5      6   skopeo
//   usr     38.6%  37.3%  36.9%  36.7%  36.0%  35.7%  37.7%
//   lib     37.0%  35.5%  35.1%  34.9%  34.0%  33.7%  35.9%
//   MB/s     160    118     95     96     76     59
inline constexpr int kDefaultGzipLevel = 2;

// `layer` (a blob of `store` whose tar is `diff_id`) compressed as `opts`
// asks: the variant an earlier call made while its blob is still there,
// else a new blob in `store`, remembered under variants/. The descriptor
// keeps `layer`'s media type and annotations; the caller names the new
// type (LayerMediaType). Fails with the read, compression or write error,
// or kInternal when the new blob's tar is not `diff_id`. With `unsynced`
// a new gzip blob is committed without fsync (BlobStore::CommitUnsynced)
// and added to it, for the caller's Sync; a variant whose blob is not
// marked verified (e.g. one a crash left before its Sync) is made again.
Expected<oci::Descriptor> LayerVariant(const cache::StorePaths& store,
                                       const oci::Descriptor& layer,
                                       const oci::Digest& diff_id,
                                       const LayerOptions& opts,
                                       cache::UnsyncedBlobs* unsynced = nullptr);

// The layer media type for `c`, OCI or Docker schema2 (zstd: always OCI).
std::string LayerMediaType(bool oci, LayerCompression c);

// The compression a layer media type names; nullopt for a type that is no
// layer.
std::optional<LayerCompression> LayerCompressionOf(const std::string& media_type);

}  // namespace mybuild::exporter
