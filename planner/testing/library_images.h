// For planner tests: every image reference resolves, as a Docker Hub
// library image ("alpine" -> "docker.io/library/alpine") whose manifest
// digest is the digest of the reference's text, with an empty config.
#pragma once

#include <string>

#include "planner/resolvers.h"

namespace mybuild::planner::testing {

class LibraryImages : public ImageConfigResolver {
 public:
  Expected<ResolvedImage> Resolve(const std::string& ref) override {
    ResolvedImage img;
    img.ref = "docker.io/library/" + ref;
    img.manifest = oci::Digest::Of(ref);
    return img;
  }
};

}  // namespace mybuild::planner::testing
