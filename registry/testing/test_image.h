// A small made-up image for push/pull tests: a config and layers of given
// bytes, the OCI manifest naming them, and the files to push them from.
#pragma once

#include <string>
#include <vector>

#include "oci/descriptor.h"
#include "oci/manifest.h"
#include "registry/pusher.h"

namespace mybuild::registry::testing {

struct TestImage {
  std::string config;               // JSON bytes
  std::vector<std::string> layers;  // arbitrary bytes each
  oci::Manifest manifest;
  std::string manifest_json;
  oci::Digest manifest_digest;
};

// An OCI image for linux/`arch` whose layers hold `layers` (gzip media type;
// registries do not look inside).
TestImage MakeTestImage(const std::vector<std::string>& layers,
                        const std::string& arch = "amd64");

// Writes config and layers as files under `dir` and returns them as
// PushBlobs, config first.
Expected<std::vector<PushBlob>> WriteBlobs(const TestImage& image,
                                           const std::string& dir);

// An OCI index with one entry per image, each with its platform.
std::string MakeIndex(
    const std::vector<std::pair<TestImage, std::string>>& images_and_arches);

}  // namespace mybuild::registry::testing
