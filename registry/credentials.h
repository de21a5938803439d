// Registry credentials from the files podman, skopeo and Docker write, in
// their precedence order: --authfile or $REGISTRY_AUTH_FILE,
// ${XDG_RUNTIME_DIR}/containers/auth.json, $DOCKER_CONFIG/config.json and
// ~/.docker/config.json (auth_file.h for one file's contents), and the
// credential helpers they name (credential_helper.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/auth_file.h"

namespace mybuild::registry {

class CredentialStore {
 public:
  // The auth files in precedence order, from the environment given (as
  // getenv would answer); files named by unset variables are left out.
  // A non-empty `authfile` (--authfile) takes the place of
  // $REGISTRY_AUTH_FILE.
  static std::vector<std::string> DefaultFiles(
      const std::map<std::string, std::string>& env, const std::string& authfile = "");

  // Reads `paths` in order; a missing file is skipped. Never fails on a
  // file's contents: a broken file is an error only for a lookup that
  // reaches it (Resolve).
  static CredentialStore Load(const std::vector<std::string>& paths);

  // Load(DefaultFiles(the process environment, authfile)).
  static CredentialStore LoadDefault(const std::string& authfile = "");
  // The process environment's values of the variables DefaultFiles reads.
  static std::map<std::string, std::string> Environment();

  // Adds one file's text with the lowest precedence so far; `source` names
  // it. Returns the file's problem (AuthFile::broken), which Resolve also
  // reports later.
  Status AddFile(const std::string& text, const std::string& source);

  // The credentials stored in the files for `registry` ("host[:port]" as
  // in an image reference), the earliest file first; helpers are not asked
  // and broken files are passed over.
  std::optional<Credentials> Lookup(const std::string& registry) const;

  // The helper that holds `registry`'s credentials, as the earliest file
  // naming one says (its credHelpers entry, else its credsStore); "" for
  // none. Broken files are passed over.
  std::string HelperFor(const std::string& registry) const;

  // What Docker would log in with, file by file in order: the file's
  // helper for `registry` (credHelpers, else credsStore) when it has
  // credentials, else the file's auths entry. Fails with a broken file's
  // error when the search reaches it, or with the helper's error
  // (RunCredentialHelper); a helper's "not found" goes on searching.
  Expected<std::optional<Credentials>> Resolve(const std::string& registry) const;

  // The files looked for (existing or not), for "no credentials" messages:
  //   "/a.json, /root/.docker/config.json", or "none" when there were none.
  std::string Searched() const;

 private:
  std::vector<std::string> looked_for_;
  std::vector<AuthFile> files_;  // precedence order
};

}  // namespace mybuild::registry
