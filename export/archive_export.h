// Images of the local store written out as files other tools read:
//   an OCI image layout directory (skopeo oci:DIR:TAG, umoci),
//   an OCI archive, the same layout as one tar (skopeo oci-archive:FILE),
//   a docker archive, manifest.json plus blobs (docker load, podman load).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"
#include "export/image_variant.h"

namespace mybuild::exporter {

// One image and the full references it is written under (may be empty).
struct NamedImage {
  StoredImage image;
  std::vector<std::string> names;  // e.g. "docker.io/library/app:1"
  // --annotation manifest-descriptor:K=V: on the image's index.json entries.
  std::map<std::string, std::string> descriptor_annotations;
};

// The annotation buildx and containerd put the full name in.
inline constexpr char kImageNameAnnotation[] = "io.containerd.image.name";

// Adds `images` to the layout at `dir` (created, or added to): one index
// entry per name with ref.name set to the name's tag and
// io.containerd.image.name to the full name; an image without names gets
// one entry without either. Fails with the first read or write error.
Status WriteOciLayout(const cache::StorePaths& store, const std::string& dir,
                      const std::vector<NamedImage>& images);

// The same as one tar at `dest` ("-": stdout): oci-layout, index.json and
// blobs/sha256/, each blob once.
Status WriteOciArchive(const cache::StorePaths& store, const std::string& dest,
                       const std::vector<NamedImage>& images);

// A docker archive at `dest` ("-": stdout): manifest.json listing, per
// image, its config, its RepoTags (short names, "app:1") and its layers,
// all as blobs/sha256/<hex> (layers as they are stored, gzip or not).
Status WriteDockerArchive(const cache::StorePaths& store, const std::string& dest,
                          const std::vector<NamedImage>& images);

}  // namespace mybuild::exporter
