#include "registry/auth.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "registry/base64.h"
#include "registry/registry_error.h"
#include "registry/url.h"

namespace mybuild::registry {
namespace {

// realm?service=..&scope=..&scope=.. (the challenge's scope may hold several
// space-separated scopes; each becomes its own parameter).
std::string TokenUrl(const AuthChallenge& bearer, const std::string& scope) {
  std::string url = bearer.Param("realm");
  char sep = url.find('?') == std::string::npos ? '?' : '&';
  std::string service = bearer.Param("service");
  if (!service.empty()) {
    url += sep + std::string("service=") + QueryEscape(service);
    sep = '&';
  }
  std::istringstream scopes(scope);
  for (std::string s; scopes >> s;) {
    url += sep + std::string("scope=") + QueryEscape(s);
    sep = '&';
  }
  return url;
}

const AuthChallenge* Find(const std::vector<AuthChallenge>& challenges,
                          const std::string& scheme) {
  for (const auto& c : challenges) {
    if (c.scheme == scheme) return &c;
  }
  return nullptr;
}

}  // namespace

RegistryAuth::RegistryAuth(Transport& transport,
                           std::optional<Credentials> credentials)
    : transport_(transport), credentials_(std::move(credentials)) {}

std::string RegistryAuth::BasicHeader() const {
  return "Basic " +
         Base64Encode(credentials_->username + ":" + credentials_->password);
}

std::string RegistryAuth::Cached(const std::string& scope) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_scope_.find(scope);
  if (it != by_scope_.end()) return it->second;
  return basic_ && credentials_ ? BasicHeader() : "";
}

Expected<HttpResponse> RegistryAuth::Send(const HttpRequest& request,
                                          const std::string& scope) {
  std::string auth = Cached(scope);
  HttpRequest req = request;
  if (!auth.empty()) req.headers.Set("Authorization", auth);
  ASSIGN_OR_RETURN(HttpResponse resp, transport_.Send(req));
  if (resp.status != 401) return resp;
  // Every challenge of every WWW-Authenticate field: Answer prefers Bearer
  // wherever it is offered.
  std::vector<AuthChallenge> challenges;
  for (const std::string& field : resp.headers.GetAll("WWW-Authenticate")) {
    auto more = ParseWwwAuthenticate(field);
    challenges.insert(challenges.end(), more.begin(), more.end());
  }
  ASSIGN_OR_RETURN(std::string fresh, Answer(challenges, scope));
  if (fresh.empty() || fresh == auth) return resp;
  {
    std::lock_guard<std::mutex> lock(mu_);
    by_scope_[scope] = fresh;
  }
  req.headers.Set("Authorization", fresh);
  return transport_.Send(req);
}

Expected<std::string> RegistryAuth::Answer(
    const std::vector<AuthChallenge>& challenges, const std::string& scope) {
  if (const AuthChallenge* bearer = Find(challenges, "bearer")) {
    std::string wanted = bearer->Param("scope");
    ASSIGN_OR_RETURN(std::string token,
                     FetchToken(*bearer, wanted.empty() ? scope : wanted));
    return "Bearer " + token;
  }
  if (Find(challenges, "basic") && credentials_) {
    std::lock_guard<std::mutex> lock(mu_);
    basic_ = true;
    return BasicHeader();
  }
  return std::string();
}

Expected<std::string> RegistryAuth::FetchToken(const AuthChallenge& bearer,
                                               const std::string& scope) {
  std::string realm = bearer.Param("realm");
  std::string what = "fetch token from " + realm;
  if (realm.empty()) {
    return InvalidArgument(
        "registry asked for a Bearer token but named no "
        "token server (realm)");
  }
  HttpRequest req;
  req.url = TokenUrl(bearer, scope);
  if (credentials_) req.headers.Set("Authorization", BasicHeader());
  auto resp = transport_.Send(req);
  if (!resp.ok()) return resp.status();
  if (!resp->success()) {
    Status st = ErrorFromResponse(*resp);
    if (resp->status == 401 || resp->status == 403) {
      st = InvalidArgument(st.message());
    }
    return st.WithPrefix(what);
  }
  auto json = nlohmann::json::parse(resp->body, nullptr, false);
  for (const char* field : {"token", "access_token"}) {
    if (json.is_object() && json.contains(field) && json[field].is_string() &&
        !json[field].get<std::string>().empty()) {
      return json[field].get<std::string>();
    }
  }
  return Unavailable(what + ": response has no token");
}

}  // namespace mybuild::registry
