// What the planner needs from later stages, declared here and implemented
// there (registry/ resolves images, cache/ digests the context), so the
// planner itself does no I/O.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "oci/descriptor.h"
#include "oci/digest.h"
#include "oci/image_config.h"

namespace mybuild::planner {

struct ResolvedImage {
  std::string ref;          // canonical, e.g. docker.io/library/busybox:latest
  oci::Digest manifest;     // the platform manifest's digest
  oci::ImageConfig config;  // its config
};

class ImageConfigResolver {
 public:
  virtual ~ImageConfigResolver() = default;
  // Resolves `ref` as written after FROM (already expanded). Fails with a
  // message naming the reference.
  virtual Expected<ResolvedImage> Resolve(const std::string& ref) = 0;
};

// The resolver for images of `platform` (the build's, or a FROM
// --platform's); the planner asks it for each base image.
using ResolverFor = std::function<ImageConfigResolver&(const oci::Platform& platform)>;

class SourceDigester {
 public:
  virtual ~SourceDigester() = default;
  // A digest of everything COPY/ADD `sources` (context-relative paths or
  // wildcards) would copy: paths, modes, ownership-relevant metadata and
  // contents, never mtimes. Fails when a source matches nothing:
  //   COPY failed: file not found in build context: "missing.txt"
  virtual Expected<std::string> Digest(
      const std::vector<std::string>& sources) = 0;
  // A digest of the one path a RUN --mount bind source names, taken
  // literally: BuildKit matches no wildcards in mount sources. Fails when
  // it is missing. By default Digest({path}), for digesters without
  // wildcards.
  virtual Expected<std::string> DigestPath(const std::string& path) {
    return Digest({path});
  }
};

}  // namespace mybuild::planner
