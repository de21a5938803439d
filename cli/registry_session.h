// The registry side of one mybuild invocation: one HTTP transport (with
// retries), the user's credentials, a client per registry host, the
// planner's image resolver, and the pulls and pushes of the build.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "cache/store_paths.h"
#include "oci/reference.h"
#include "planner/build_graph.h"
#include "registry/curl_transport.h"
#include "registry/image_resolver.h"
#include "registry/registries.h"
#include "registry/retry.h"

namespace mybuild::cli {

class RegistrySession {
 public:
  // Reads the credential files; fails when one is malformed.
  static Expected<std::unique_ptr<RegistrySession>> Create(
      const cache::StorePaths& store);

  // Resolves FROM images for the planner (manifest and config only).
  planner::ImageConfigResolver& resolver() { return *resolver_; }

  // Fetches into the store the layers of every base image the graph's
  // stages to run start from, and of every image COPY --from or RUN --mount
  // from= reads (implicit stages) (blobs already there are not fetched
  // again).
  Status FetchBaseLayers(const planner::BuildGraph& graph);

  // One client per registry host, for the build cache's registry backend.
  registry::Registries& registries() { return registries_; }

  // Pushes the image whose manifest blob is `manifest` to `ref`.
  Status Push(const oci::ImageReference& ref, const oci::Digest& manifest);

 private:
  RegistrySession(std::unique_ptr<registry::CurlTransport> curl,
                  registry::CredentialStore credentials,
                  cache::StorePaths store);

  std::unique_ptr<registry::CurlTransport> curl_;
  registry::RetryingTransport transport_;
  registry::Registries registries_;
  cache::StorePaths store_;
  std::unique_ptr<registry::RegistryImageResolver> resolver_;
};

}  // namespace mybuild::cli
