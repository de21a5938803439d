// The registry side of one mybuild invocation: one HTTP transport (with
// retries), the user's credentials, and a client per registry host. Also
// resolves FROM images for the planner by pulling them into the store.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "base/status.h"
#include "cache/store_paths.h"
#include "oci/reference.h"
#include "planner/resolvers.h"
#include "registry/client.h"
#include "registry/curl_transport.h"
#include "registry/retry.h"

namespace mybuild::cli {

class RegistrySession : public planner::ImageConfigResolver {
 public:
  // Reads the credential files; fails when one is malformed.
  static Expected<std::unique_ptr<RegistrySession>> Create(
      const cache::StorePaths& store);

  // Pulls `ref` (linux/amd64) into the store: manifest, config, layers.
  Expected<planner::ResolvedImage> Resolve(const std::string& ref) override;

  // Pushes the image whose manifest blob is `manifest` to `ref`.
  Status Push(const oci::ImageReference& ref, const oci::Digest& manifest);

 private:
  RegistrySession(std::unique_ptr<registry::CurlTransport> curl,
                  registry::CredentialStore credentials,
                  cache::StorePaths store);
  registry::RegistryClient& ClientFor(const std::string& host);

  std::unique_ptr<registry::CurlTransport> curl_;
  registry::RetryingTransport transport_;
  registry::CredentialStore credentials_;
  cache::StorePaths store_;
  std::map<std::string, std::unique_ptr<registry::RegistryClient>> clients_;
};

}  // namespace mybuild::cli
