// Registry bearer tokens for tests: a signing key with a self-signed
// certificate (the registry's rootcertbundle) and JWTs signed with it (RS256,
// the certificate in "x5c"), as a token server would issue them.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::registry::testing {

struct TokenSigner {
  std::string key;   // PEM RSA private key file
  std::string cert;  // PEM self-signed certificate file
};

// Writes token.key and token.crt into `dir` with openssl.
Expected<TokenSigner> MakeTokenSigner(const std::string& dir);

// A JWT granting `actions` ("pull", "push") on repository `repo`, from
// `issuer` for `service`, valid for an hour.
Expected<std::string> SignRegistryToken(
    const TokenSigner& signer, const std::string& issuer,
    const std::string& service, const std::string& repo,
    const std::vector<std::string>& actions);

}  // namespace mybuild::registry::testing
