// Authentication against one registry: anonymous, HTTP Basic, or the Bearer
// token flow (a 401 names a token server; we fetch a token for the scope,
// with Basic credentials if the user has any, cache it per scope, and send
// the request again once with it).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "registry/credentials.h"
#include "registry/http.h"
#include "registry/www_authenticate.h"

namespace mybuild::registry {

class RegistryAuth {
 public:
  // `transport` must outlive this object; `credentials` are the user's
  // login for this registry, if any.
  RegistryAuth(Transport& transport, std::optional<Credentials> credentials);

  // Sends `request` with the Authorization known for `scope` (e.g.
  // "repository:team/app:pull,push"). On a 401 carrying a challenge it can
  // answer (Bearer always; Basic when it has credentials) it obtains the
  // credential, remembers it for `scope`, and sends once more; the response
  // to that second send is returned whatever it is. A 401 it cannot answer
  // is returned as is.
  // Fails with the transport's errors, or when a token cannot be had:
  //   fetch token from https://auth.example/token: <registry's words>
  // (kInvalidArgument for 401/403 from the token server, else as
  // ErrorFromResponse), or "... : response has no token".
  Expected<HttpResponse> Send(const HttpRequest& request,
                              const std::string& scope);

  bool has_credentials() const { return credentials_.has_value(); }

 private:
  // The Authorization value answering `challenges` (those of every
  // WWW-Authenticate field) for `scope`: a token when Bearer is offered
  // anywhere, else Basic with credentials; "" when none can be given.
  Expected<std::string> Answer(const std::vector<AuthChallenge>& challenges,
                               const std::string& scope);
  Expected<std::string> FetchToken(const AuthChallenge& bearer,
                                   const std::string& scope);
  std::string BasicHeader() const;
  std::string Cached(const std::string& scope);

  Transport& transport_;
  std::optional<Credentials> credentials_;
  std::mutex mu_;
  std::map<std::string, std::string> by_scope_;  // scope -> Authorization
  bool basic_ = false;  // the registry asked for Basic: send it always
};

}  // namespace mybuild::registry
