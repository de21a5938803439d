// Docker's credential helper protocol: `docker-credential-<name> get` reads
// a server address on stdin and prints {"ServerURL","Username","Secret"} on
// stdout, or says "credentials not found" and exits non-zero; `store` reads
// that JSON, `erase` an address. The helper is
// run without a shell, found in $PATH, and stopped at a time limit.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "base/status.h"
#include "registry/auth_file.h"

namespace mybuild::registry {

// What the helper `name` (docker-credential-<name>) holds for `server`;
// nullopt when it says it has none. Fails with kInvalidArgument naming the
// helper, e.g.
//   credential helper docker-credential-pass get for quay.io: exit code 3: <its output>
//   credential helper docker-credential-pass: not found in $PATH
//   credential helper docker-credential-pass get for quay.io: no answer within 10s
// The credentials found carry source "credential helper docker-credential-<name>".
Expected<std::optional<Credentials>> RunCredentialHelper(
    const std::string& name, const std::string& server,
    std::chrono::milliseconds limit = std::chrono::seconds(10));

// `docker-credential-<name> store` with {"ServerURL","Username","Secret"}
// on stdin. Fails like RunCredentialHelper ("... store for quay.io: ...").
Status StoreInCredentialHelper(const std::string& name, const std::string& server,
                               const Credentials& login,
                               std::chrono::milliseconds limit = std::chrono::seconds(10));

// `docker-credential-<name> erase` with the server address on stdin.
// Returns false when the helper says it holds nothing for `server`.
Expected<bool> EraseFromCredentialHelper(
    const std::string& name, const std::string& server,
    std::chrono::milliseconds limit = std::chrono::seconds(10));

}  // namespace mybuild::registry
