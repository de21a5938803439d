// Pulling an image: its manifest for one platform (through an index when the
// reference names one), then the config and layer blobs, two at a time, into
// a content-addressed store. Blobs already present are not fetched again.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "oci/descriptor.h"
#include "oci/digest.h"
#include "oci/manifest.h"
#include "oci/reference.h"
#include "registry/client.h"

namespace mybuild::registry {

// Where the blob with a digest lives (its final path). A file present there
// is taken as that blob, complete: the store only ever renames verified
// content into place.
using BlobPathFn = std::function<std::string(const oci::Digest&)>;

// "<dir>/sha256/<hex>": the blobs/ directory of an OCI layout.
BlobPathFn BlobsUnder(const std::string& dir);

struct ResolvedManifest {
  FetchedManifest manifest;  // the platform's image manifest
  oci::Manifest parsed;
  std::optional<FetchedManifest> index;  // when the reference named one
};

// Fetches the manifest `ref` names; if it is an index (or Docker manifest
// list), the entry for `platform` and then that manifest. Fails with
// `pull <ref>: <reason>`, e.g.
//   pull 127.0.0.1:5000/app:1: manifest unknown: manifest unknown
//   pull alpine:3: no image for linux/s390x in the index (it has ...)
Expected<ResolvedManifest> ResolveManifest(RegistryClient& client,
                                           const oci::ImageReference& ref,
                                           const oci::Platform& platform);

struct PulledImage {
  ResolvedManifest resolved;
  std::string config;  // the config blob's bytes
};

// ResolveManifest, then every blob the manifest names (config first, then
// layers) stored at blob_path(digest), fetched 2 at a time, each verified;
// the manifest (and index) bytes are stored the same way. `progress`, when
// set, hears of each blob fetched (not of those present). Fails like
// ResolveManifest, or with the first blob's error:
//   pull 127.0.0.1:5000/app:1: blob sha256:...: digest mismatch: ...
Expected<PulledImage> Pull(RegistryClient& client,
                           const oci::ImageReference& ref,
                           const oci::Platform& platform,
                           const BlobPathFn& blob_path,
                           const BlobProgressFn& progress = nullptr);

}  // namespace mybuild::registry
