// One credential file as podman, skopeo and Docker write it:
//   {"auths": {"<key>": {"auth": base64("user:password")}
//                     | {"username": "...", "password": "..."}
//                     | {"auth": base64("user:"), "identitytoken": "..."}},
//    "credHelpers": {"<key>": "<helper>"}, "credsStore": "<helper>"}
// Keys may be written "host[:port]", "https://host", "https://host/v1/";
// Docker Hub's is "https://index.docker.io/v1/" (CanonicalRegistry).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/status.h"

namespace mybuild::registry {

// A registry's login. `source` says where it came from for error messages:
//   auth file "/root/.docker/config.json" key "https://quay.io"
//   credential helper docker-credential-pass
struct Credentials {
  Credentials() = default;
  Credentials(std::string user, std::string pass, std::string token = "",
              std::string from = "")
      : username(std::move(user)),
        password(std::move(pass)),
        identity_token(std::move(token)),
        source(std::move(from)) {}

  std::string username;
  std::string password;
  // An OAuth2 refresh token (Docker's "identitytoken"): traded at the token
  // server for an access token instead of sending username and password.
  std::string identity_token;
  std::string source;
  bool operator==(const Credentials& o) const {
    return username == o.username && password == o.password &&
           identity_token == o.identity_token;
  }
};

// The canonical name of a registry as it keys credentials: scheme and path
// dropped, lower-cased, and Docker Hub's aliases
// ("https://index.docker.io/v1/", "index.docker.io", "registry-1.docker.io")
// folded into "docker.io".
std::string CanonicalRegistry(std::string_view key);

struct AuthFile {
  std::string path;
  // Not ok when the file cannot be used; the message names the file:
  //   auth file "/a.json": not a JSON object
  // It is reported only to a lookup that reaches this file.
  Status broken;
  std::map<std::string, Credentials> auths;    // canonical name -> login
  std::map<std::string, std::string> helpers;  // canonical name -> helper
  std::string creds_store;                     // the helper for all, or ""
};

// Parses a file's `text`; never fails (see AuthFile::broken). Entries that
// hold nothing ({}) and repository-scoped keys ("quay.io/team/app") are
// left out.
AuthFile ParseAuthFile(const std::string& text, const std::string& path);

// Reads and parses `path`; nullopt when it does not exist. A file that
// cannot be read is returned broken.
std::optional<AuthFile> ReadAuthFile(const std::string& path);

// Stores `login` for `registry` in the file at `path` (created with its
// directory when missing), keeping every other entry and field, as
// {"auth": base64("user:password")} under the key `registry` (Docker Hub:
// "https://index.docker.io/v1/"), replacing any key naming the same
// registry. Written atomically with mode 0600. Fails when the existing
// file is not a JSON object (naming it) or on I/O errors.
Status SaveLogin(const std::string& path, const std::string& registry,
                 const Credentials& login);

// Removes every auths key naming `registry` from the file at `path`,
// atomically, mode 0600. Returns whether one was there (false also when
// the file does not exist). Fails like SaveLogin.
Expected<bool> RemoveLogin(const std::string& path,
                           const std::string& registry);

}  // namespace mybuild::registry
