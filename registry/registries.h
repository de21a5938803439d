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
  // use with the credentials stored for it (a credential helper is asked
  // then, once). Safe from several threads; the pointer stays valid as long
  // as this object. Fails with the credential helper's error.
  Expected<RegistryClient*> For(const std::string& host);

 private:
  Transport& transport_;
  CredentialStore credentials_;
  ClientOptions options_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<RegistryClient>> clients_;
};

}  // namespace mybuild::registry
