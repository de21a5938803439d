// What the image commands show of a local image: its names, manifest,
// config and unpacked size.
#pragma once

#include <string>
#include <vector>

#include "cache/image_store.h"
#include "export/image_variant.h"
#include "oci/image_config.h"

namespace mybuild::cli {

struct ImageFacts {
  std::string name;  // full reference, "docker.io/library/app:1"
  cache::ImageRecord record;
  exporter::StoredImage image;
  std::string config_json;
  oci::ImageConfig config;
  std::vector<int64_t> layer_sizes;  // unpacked: bytes of the files each layer adds
  int64_t size = 0;                  // their sum, as docker's SIZE
};

// The facts of the image tagged `ref` (as the user typed it: "app:1").
// Layer sizes are read from the store's sizes/ or computed and kept there.
// Fails with NotFound naming the tag, or the read or parse error.
Expected<ImageFacts> LoadFacts(const cache::StorePaths& store, const std::string& ref);

// Every tagged image, sorted by name; images that cannot be read are skipped.
Expected<std::vector<ImageFacts>> LoadAllFacts(const cache::StorePaths& store);

// Bytes of the regular files in the layer blob at `path`.
Expected<int64_t> LayerUnpackedSize(const std::string& path);

}  // namespace mybuild::cli
