// One image for several platforms: an image index (a Docker manifest list
// when the images have Docker media types) listing each platform's
// manifest with its `platform`, and the outputs that write one.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"
#include "export/image_variant.h"
#include "oci/manifest.h"

namespace mybuild::exporter {

struct StoredIndex {
  oci::Digest digest;  // of json
  std::string json;    // the index blob's bytes
  oci::ImageIndex index;
  std::vector<StoredImage> images;  // what it lists, in its order
};

// The descriptor of `image` in an index: media type, digest, size, and
// the platform its config says.
Expected<oci::Descriptor> PlatformDescriptor(const cache::StorePaths& store,
                                             const StoredImage& image);

// Puts into the store an index of `images` (in their order), each entry's
// platform its config's os/architecture/variant: an OCI image index, or a
// Docker manifest list when every manifest has Docker's media type. Fails
// when the images mix the two, or with a read error. `annotations` are the
// index's own (--annotation index:), `descriptor_annotations[i]` those of
// image i's entry (manifest-descriptor:), when given.
Expected<StoredIndex> PutImageIndex(
    const cache::StorePaths& store, const std::vector<StoredImage>& images,
    const std::map<std::string, std::string>& annotations = {},
    const std::vector<std::map<std::string, std::string>>& descriptor_annotations = {});

// Adds `index` and its images to the OCI layout at `dir` as buildx does:
// index.json gets one entry per name (ref.name = the tag,
// io.containerd.image.name = the full name; one without names when there
// are none) that points at the index; the platforms' manifests are blobs.
Status WriteOciLayoutIndex(const cache::StorePaths& store, const std::string& dir,
                           const StoredIndex& index, const std::vector<std::string>& names,
                           const std::map<std::string, std::string>& descriptor_annotations);

// The directory buildx gives a platform's files in a type=local output of
// several platforms: "linux_arm64", "linux_arm_v7".
std::string PlatformDirName(const oci::Platform& platform);

}  // namespace mybuild::exporter
