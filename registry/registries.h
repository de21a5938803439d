// One RegistryClient per registry host for a whole run, sharing the
// transport, the user's credentials and the options, so that a token fetched
// for a pull is reused by the next request to the same registry.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "registry/client.h"
#include "registry/credentials.h"

namespace mybuild::registry {

class Registries {
 public:
  // `transport` must outlive this object.
  Registries(Transport& transport, CredentialStore credentials,
             ClientOptions options = {});

  // The client for `host` ("docker.io", "127.0.0.1:5000"), made on first
  // use; it looks up the credentials stored for it (asking a credential
  // helper, once) when the registry first asks for them. Safe from several
  // threads; the pointer stays valid as long as this object. Does not fail
  // today; lookup errors come from the client's requests.
  Expected<RegistryClient*> For(const std::string& host);

 private:
  Transport& transport_;
  CredentialStore credentials_;
  ClientOptions options_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<RegistryClient>> clients_;
};

}  // namespace mybuild::registry
