// Authentication against one registry: anonymous, HTTP Basic, or the Bearer
// token flow (a 401 names a token server; we fetch a token for the scope,
// with Basic credentials or an identity token if the user has them, cache
// it per scope, and send the request again once with it). The user's
// credentials are looked up only when the registry first asks for them.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "registry/auth_file.h"
#include "registry/http.h"
#include "registry/www_authenticate.h"

namespace mybuild::registry {

// Looks up the user's login for a registry (CredentialStore::Resolve).
using CredentialSource = std::function<Expected<std::optional<Credentials>>()>;

class RegistryAuth {
 public:
  // `transport` must outlive this object; `credentials` are the user's
  // login for this registry, if any.
  RegistryAuth(Transport& transport, std::optional<Credentials> credentials);
  // `source` is asked at most once, at the first 401; `searched` names
  // where it looked ("/a.json, /b.json") for the "no credentials" message.
  RegistryAuth(Transport& transport, CredentialSource source,
               std::string searched);

  // Sends `request` with the Authorization known for `scope` (e.g.
  // "repository:team/app:pull,push"). On a 401 carrying a challenge it can
  // answer (Bearer always; Basic when it has credentials) it obtains the
  // credential, remembers it for `scope`, and sends once more; the response
  // to that second send is returned whatever it is. A 401 it cannot answer
  // is returned as is.
  // Fails with the transport's errors; with the credential lookup's error
  // when a Basic registry needs credentials; or when a token cannot be had:
  //   fetch token from https://auth.example/token: <registry's words>
  // (kUnauthenticated for 401/403 from the token server, see Unauthorized;
  // else as ErrorFromResponse), or "... : response has no token".
  Expected<HttpResponse> Send(const HttpRequest& request,
                              const std::string& scope);

  // The error for a 401 that Send returned (or a token server's refusal),
  // kUnauthenticated, naming `what` (the registry's words), the registry,
  // repository, scope and the credentials' fate:
  //   <what>: credentials from <source> were rejected (401 after sending
  //   them); registry <host>, repository <repo>, scope <scope>
  //   <what>: no credentials for <host> (looked in <searched>); registry ...
  // When the credential lookup failed (a broken auth file), its error,
  // prefixed "credentials for <host>". With `denied` (a 403: known but not
  // allowed) the credentials "are not allowed this scope (403)" instead.
  Status Unauthorized(const std::string& what, const std::string& host,
                      const std::string& repo, const std::string& scope,
                      bool denied = false);

 private:
  // The login, looked up once; nullopt when there is none or lookup failed.
  const std::optional<Credentials>& Login();
  // The Authorization value answering `challenges` (those of every
  // WWW-Authenticate field) for `scope`: a token when Bearer is offered
  // anywhere, else Basic with credentials; "" when none can be given.
  Expected<std::string> Answer(const std::vector<AuthChallenge>& challenges,
                               const std::string& scope);
  Expected<std::string> FetchToken(const AuthChallenge& bearer,
                                   const std::string& scope);
  // The token in a token server's answer (`what` prefixes its errors).
  Expected<std::string> TokenFrom(const Expected<HttpResponse>& resp,
                                  const std::string& what);
  std::string BasicHeader();
  std::string Cached(const std::string& scope);

  Transport& transport_;
  CredentialSource source_;
  std::string searched_;
  std::once_flag looked_up_;
  std::optional<Credentials> credentials_;
  Status lookup_error_;
  std::mutex mu_;
  std::map<std::string, std::string> by_scope_;  // scope -> Authorization
  bool basic_ = false;  // the registry asked for Basic: send it always
};

}  // namespace mybuild::registry
