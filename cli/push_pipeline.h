// Pushing an image whose layers the store holds as plain tars: a registry
// gets them gzipped, and each layer goes up as soon as its gzip variant is
// made (export/layer_variant.h), while the next one is compressed, instead
// of every layer compressed first and uploaded after.
#pragma once

#include "base/status.h"
#include "cache/store_paths.h"
#include "cli/registry_session.h"
#include "export/image_variant.h"
#include "export/output_spec.h"
#include "oci/reference.h"

namespace mybuild::cli {

// Uploads to `ref` every layer of `image` as exporter::ConvertImage(store,
// image, opts) will have it, making each variant ConvertImage would make
// (so that call then finds them all). The config and the manifest are
// left to RegistrySession::Push, which finds these layers present. Fails
// with the conversion's error, CheckBlobForPush's (registry_session.h), or
// the upload's (`push <ref>: <reason>`).
// `progress` hears of the layers' bytes.
Status UploadLayersAsConverted(RegistrySession& session, const cache::StorePaths& store,
                               const oci::ImageReference& ref,
                               const exporter::StoredImage& image,
                               const exporter::LayerOptions& opts,
                               const registry::BlobProgressFn& progress = nullptr);

}  // namespace mybuild::cli
