// Registry credentials from the files podman, skopeo and Docker write:
// $REGISTRY_AUTH_FILE, ${XDG_RUNTIME_DIR}/containers/auth.json,
// $DOCKER_CONFIG/config.json and ~/.docker/config.json. Each holds
// {"auths": {"<registry>": {"auth": base64("user:password")}}}, and may name
// credential helpers: "credHelpers": {"<registry>": "<name>"} for one
// registry, "credsStore": "<name>" for all (credential_helper.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::registry {

struct Credentials {
  std::string username;
  std::string password;
  bool operator==(const Credentials&) const = default;
};

// The canonical name of a registry as it keys credentials: scheme and path
// dropped, lower-cased, and Docker Hub's aliases
// ("https://index.docker.io/v1/", "index.docker.io", "registry-1.docker.io")
// folded into "docker.io".
std::string CanonicalRegistry(std::string_view key);

class CredentialStore {
 public:
  // The auth files in precedence order, from the environment given (as
  // getenv would answer); files named by unset variables are left out.
  static std::vector<std::string> DefaultFiles(
      const std::map<std::string, std::string>& env);

  // Reads `paths` in order; a missing file is skipped. For a registry named
  // in several files, the earliest file wins. Fails with kInvalidArgument,
  // naming the file, when a file is not valid JSON or an entry's `auth` is not
  // base64 of "user:password".
  static Expected<CredentialStore> Load(const std::vector<std::string>& paths);

  // Load(DefaultFiles(the process environment)).
  static Expected<CredentialStore> LoadDefault();

  // Parses one file's text; `source` names it in errors.
  Status AddFile(const std::string& text, const std::string& source);
  // Adds (or replaces) the credentials for `registry`.
  void Set(const std::string& registry, Credentials credentials);

  // The credentials stored in the files for `registry` ("host[:port]" as
  // in an image reference); helpers are not asked.
  std::optional<Credentials> Lookup(const std::string& registry) const;

  // The helper that holds `registry`'s credentials, as the earliest file
  // naming one says (its credHelpers entry, else its credsStore); "" for
  // none. A credHelpers entry of an earlier file wins over a later one's.
  std::string HelperFor(const std::string& registry) const;

  // What Docker would log in with: the helper's answer when HelperFor names
  // one and it has credentials, else Lookup's. Fails with the helper's
  // error (RunCredentialHelper); its "not found" falls back to Lookup.
  Expected<std::optional<Credentials>> Resolve(const std::string& registry) const;

 private:
  std::map<std::string, Credentials> by_registry_;  // canonical names
  std::map<std::string, std::string> helpers_;       // canonical name -> helper
  std::string creds_store_;                          // the default helper

};

}  // namespace mybuild::registry
