// `mybuild load`: images from a docker archive (manifest.json, as docker
// save, podman save and skopeo's docker-archive: write it, layers plain or
// compressed) or an OCI archive (oci-layout + index.json) into the store.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"
#include "oci/digest.h"

namespace mybuild::exporter {

struct LoadedImage {
  oci::Digest manifest;
  oci::Digest config;              // the image ID
  std::vector<std::string> names;  // full references it was tagged with
};

// Reads the archive at `path` ("-": stdin, copied to the store's tmp/
// first), stores every blob of every image it holds and tags the names
// it gives (docker: RepoTags; OCI: io.containerd.image.name, else a
// ref.name that is a full reference; of a multi-platform index, the
// linux/amd64 image). `created` is the tag time. Fails
// with kInvalidArgument naming the archive when it is neither format or a
// file it lists is missing or outside it, or with the read/store error.
Expected<std::vector<LoadedImage>> LoadArchive(const cache::StorePaths& store,
                                               const std::string& path,
                                               const std::string& created);

}  // namespace mybuild::exporter
