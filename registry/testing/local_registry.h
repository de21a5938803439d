// A real registry for end-to-end tests: Debian's docker-registry (the CNCF
// distribution server) on a free loopback port with its storage in a temp
// directory, optionally behind TLS, htpasswd or token auth. Every test that
// pushes or pulls for real uses this.
//
//   MYBUILD_REQUIRE_DOCKER_REGISTRY();
//   auto reg = LocalRegistry::Start();
//   ASSERT_TRUE(reg.ok()) << reg.status().message();
//   std::string ref = (*reg)->host() + "/app:1";   // "127.0.0.1:PORT/app:1"
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "base/temp_dir.h"
#include "registry/testing/subprocess.h"

namespace mybuild::registry::testing {

inline constexpr char kDockerRegistryBinary[] = "/usr/bin/docker-registry";

// What the token auth mode needs: the token server's URL and the names and
// certificate its tokens are checked against (see test_token.h).
struct TokenAuthConfig {
  std::string realm;
  std::string service;
  std::string issuer;
  std::string root_cert;  // PEM file of the token signer's certificate
};

struct LocalRegistryOptions {
  // Serve HTTPS with a certificate for 127.0.0.1 signed by a fresh CA
  // (LocalRegistry::ca_cert()).
  bool tls = false;
  // With tls: also require a client certificate signed by that CA
  // (LocalRegistry::client_cert()).
  bool client_auth = false;
  // When `user` is set, require HTTP Basic auth with these credentials.
  std::string user;
  std::string password;
  // When set, require Bearer tokens instead.
  std::optional<TokenAuthConfig> token;
};

class LocalRegistry {
 public:
  // Starts the registry and waits (up to 10 s) until GET /v2/ answers.
  // Fails with kNotFound when docker-registry is not installed, otherwise
  // with what went wrong and the tail of the registry's log.
  static Expected<std::unique_ptr<LocalRegistry>> Start(
      LocalRegistryOptions options = {});
  // Stops the server (SIGTERM, then SIGKILL), reaps it, removes its storage.
  ~LocalRegistry();

  // "127.0.0.1:<port>", the registry part of image references.
  const std::string& host() const { return host_; }
  // "http://127.0.0.1:<port>" or "https://...".
  std::string base_url() const;
  // The CA certificate (PEM file) in TLS mode; "" otherwise.
  const std::string& ca_cert() const { return ca_cert_; }
  // The client certificate and key (PEM files) in TLS mode; "" otherwise.
  std::string client_cert() const {
    return tls_ ? dir_.path() + "/client.cert" : "";
  }
  std::string client_key() const {
    return tls_ ? dir_.path() + "/client.key" : "";
  }
  // The filesystem root the registry stores repositories under.
  std::string storage_dir() const { return dir_.path() + "/storage"; }
  // Everything the server wrote to stdout and stderr so far.
  std::string Log() const;

 private:
  LocalRegistry(TempDir dir, ChildProcess child, std::string host, bool tls,
                std::string ca_cert);

  TempDir dir_;
  ChildProcess child_;
  std::string host_;
  bool tls_;
  std::string ca_cert_;
};

}  // namespace mybuild::registry::testing

// Skips the current test when docker-registry is not installed.
#define MYBUILD_REQUIRE_DOCKER_REGISTRY()                                    \
  if (!::mybuild::registry::testing::ToolInstalled(                          \
          ::mybuild::registry::testing::kDockerRegistryBinary)) {            \
    GTEST_SKIP() << "docker-registry is not installed "                      \
                    "(apt-get install docker-registry); skipping test that " \
                    "needs a real registry";                                 \
  }
