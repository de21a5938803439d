// The registry side of one mybuild invocation: one HTTP transport (with
// retries), the user's credentials, a client per registry host, the
// planner's image resolver, and the pulls and pushes of the build.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "cache/store_paths.h"
#include "cli/registry_flags.h"
#include "oci/reference.h"
#include "planner/build_graph.h"
#include "registry/curl_transport.h"
#include "registry/image_resolver.h"
#include "registry/registries.h"
#include "registry/retry.h"

namespace mybuild::cli {

class RegistrySession {
 public:
  // Reads the credential files (a broken one is reported only to a
  // registry that needs credentials from it) and sets up the transport as
  // `flags` say. Fails when a TLS or registries.conf setting is unusable.
  static Expected<std::unique_ptr<RegistrySession>> Create(
      const cache::StorePaths& store, const RegistryFlags& flags = {});

  // Checks `login` against `host`'s /v2/ with the auth flow (login).
  Status CheckLogin(const std::string& host,
                    const registry::Credentials& login);

  // Resolves FROM images for the planner (manifest and config only): a
  // name tagged in the local store (by a build, `tag` or `load`) is that
  // image, as with docker; any other name is asked of its registry.
  planner::ImageConfigResolver& resolver() { return *local_first_; }

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
                  cache::StorePaths store, const RegistryFlags& flags);

  std::unique_ptr<registry::CurlTransport> curl_;
  registry::RetryingTransport transport_;
  registry::ClientOptions options_;
  registry::Registries registries_;
  cache::StorePaths store_;
  std::unique_ptr<registry::RegistryImageResolver> resolver_;
  std::unique_ptr<planner::ImageConfigResolver> local_first_;
};

}  // namespace mybuild::cli
