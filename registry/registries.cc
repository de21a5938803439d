#include "registry/registries.h"

namespace mybuild::registry {

Registries::Registries(Transport& transport, CredentialStore credentials,
                       ClientOptions options)
    : transport_(transport),
      credentials_(std::move(credentials)),
      options_(std::move(options)) {}

RegistryClient& Registries::For(const std::string& host) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = clients_[host];
  if (!slot) {
    slot = std::make_unique<RegistryClient>(
        transport_, host, credentials_.Lookup(host), options_);
  }
  return *slot;
}

}  // namespace mybuild::registry
