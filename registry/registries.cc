#include "registry/registries.h"

namespace mybuild::registry {

Registries::Registries(Transport& transport, CredentialStore credentials,
                       ClientOptions options)
    : transport_(transport),
      credentials_(std::move(credentials)),
      options_(std::move(options)) {}

Expected<RegistryClient*> Registries::For(const std::string& host) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = clients_.find(host);
  if (it != clients_.end()) return it->second.get();
  // Asked only when the registry wants credentials: a broken auth file or
  // a failing helper must not stop anonymous pulls.
  CredentialSource source = [this, host] { return credentials_.Resolve(host); };
  auto& slot = clients_[host];
  slot = std::make_unique<RegistryClient>(transport_, host, std::move(source),
                                          credentials_.Searched(), options_);
  return slot.get();
}

}  // namespace mybuild::registry
