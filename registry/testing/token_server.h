// A token server as registries in token auth mode use one (Docker Hub,
// Harbor, quay): GET /token?service=S&scope=repository:NAME:ACTIONS with HTTP
// Basic credentials gets a JWT granting what the scope asks, signed with a
// test key the registry trusts; wrong or missing credentials get a 401.
//
//   auto tokens = TokenServer::Start(dir, "alice", "s3cret");
//   LocalRegistryOptions o;
//   o.token = (*tokens)->registry_config();
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/testing/local_registry.h"
#include "registry/testing/test_token.h"
#include "registry/testing/tiny_http_server.h"

namespace mybuild::registry::testing {

class TokenServer {
 public:
  // Makes a signing key in `dir` and listens on a free loopback port.
  static Expected<std::unique_ptr<TokenServer>> Start(const std::string& dir,
                                                      std::string user,
                                                      std::string password);

  // What the registry's `auth: token` section needs to trust these tokens.
  TokenAuthConfig registry_config() const;
  // Every request the server answered, in order.
  std::vector<ReceivedRequest> received() const { return http_->received(); }

 private:
  TokenServer(TokenSigner signer, std::string user, std::string password);
  std::string Answer(const ReceivedRequest& r) const;

  TokenSigner signer_;
  std::string user_;
  std::string password_;
  std::unique_ptr<TinyHttpServer> http_;
};

}  // namespace mybuild::registry::testing
