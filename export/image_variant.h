// An image of the local store as an exporter writes it: its manifest, and
// the same image with its layers recompressed or its media types switched
// between OCI and Docker schema2 (-o compression=, oci-mediatypes=).
#pragma once

#include <map>
#include <string>

#include "base/status.h"
#include "cache/store_paths.h"
#include "export/output_spec.h"
#include "oci/digest.h"
#include "oci/manifest.h"

namespace mybuild::exporter {

struct StoredImage {
  oci::Digest digest;         // of manifest_json
  std::string manifest_json;  // the manifest blob's bytes
  oci::Manifest manifest;
};

// Reads the manifest blob `digest` from `store`. Fails with the read error
// or the manifest's parse error, prefixed with the blob's path.
Expected<StoredImage> LoadImage(const cache::StorePaths& store, const oci::Digest& digest);

// `image` with layers as `opts` asks: a layer already compressed as asked
// (gzip, zstd) is recompressed only with opts.force; any other is
// decompressed and compressed as asked (kUncompressed: not at all). Media
// types follow opts.oci_mediatypes (unset: as they are; zstd: always OCI).
// A layer recompressed so before (variants/ in the store) is reused while
// its blob exists; with opts.force too, since the bytes would be the same. New layer blobs and the new manifest go into `store`; an image
// already as asked is returned unchanged (same digest). Fails with the
// read, compression or write error, or kInternal when a recompressed
// layer's content no longer matches its diff_id.
Expected<StoredImage> ConvertImage(const cache::StorePaths& store, const StoredImage& image,
                                   const LayerOptions& opts);

// `image` with `annotations` set in its manifest (--annotation
// manifest:K=V; an existing key takes the new value). The new manifest
// goes into `store`; with none, `image` is returned as it is.
Expected<StoredImage> AnnotateManifest(const cache::StorePaths& store, const StoredImage& image,
                                       const std::map<std::string, std::string>& annotations);

// "os/arch[/variant]" of `image`, from its config, as --annotation
// manifest[PLATFORM]: names it.
Expected<std::string> ImagePlatform(const cache::StorePaths& store, const StoredImage& image);

}  // namespace mybuild::exporter
