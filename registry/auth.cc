#include "registry/auth.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "registry/base64.h"
#include "registry/registry_error.h"
#include "registry/url.h"

namespace mybuild::registry {
namespace {

// service=..&scope=..&scope=.. (the challenge's scope may hold several
// space-separated scopes; each becomes its own parameter).
std::string TokenQuery(const AuthChallenge& bearer, const std::string& scope) {
  std::string query;
  std::string service = bearer.Param("service");
  if (!service.empty()) query += "service=" + QueryEscape(service);
  std::istringstream scopes(scope);
  for (std::string s; scopes >> s;) {
    query += (query.empty() ? "scope=" : "&scope=") + QueryEscape(s);
  }
  return query;
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
    : RegistryAuth(
          transport,
          [credentials] {
            return Expected<std::optional<Credentials>>(credentials);
          },
          "the auth files") {}

RegistryAuth::RegistryAuth(Transport& transport, CredentialSource source,
                           std::string searched)
    : transport_(transport),
      source_(std::move(source)),
      searched_(std::move(searched)) {}

const std::optional<Credentials>& RegistryAuth::Login() {
  std::call_once(looked_up_, [this] {
    Expected<std::optional<Credentials>> found = source_();
    if (found.ok()) {
      credentials_ = std::move(*found);
    } else {
      lookup_error_ = found.status();
    }
  });
  return credentials_;
}

std::string RegistryAuth::BasicHeader() {
  return "Basic " + Base64Encode(Login()->username + ":" + Login()->password);
}

std::string RegistryAuth::Cached(const std::string& scope) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_scope_.find(scope);
  if (it != by_scope_.end()) return it->second;
  return basic_ ? BasicHeader() : "";
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
    // A failed lookup (a broken auth file) still allows an anonymous token;
    // Unauthorized reports the lookup's error if that is not enough.
    std::string wanted = bearer->Param("scope");
    ASSIGN_OR_RETURN(std::string token,
                     FetchToken(*bearer, wanted.empty() ? scope : wanted));
    return "Bearer " + token;
  }
  if (Find(challenges, "basic")) {
    if (!Login()) {
      if (!lookup_error_.ok())
        return Status(ErrorCode::kUnauthenticated, lookup_error_.message());
      return std::string();
    }
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
        "registry asked for a Bearer token but named no token server (realm)");
  }
  std::string query = TokenQuery(bearer, scope);
  const std::optional<Credentials>& login = Login();
  HttpRequest get;
  get.url = realm + (query.empty()
                         ? ""
                         : (realm.find('?') == std::string::npos ? "?" : "&") + query);
  if (login) get.headers.Set("Authorization", BasicHeader());
  if (login && !login->identity_token.empty()) {
    // An identity token is an OAuth2 refresh token, traded as Docker does.
    HttpRequest post;
    post.method = "POST";
    post.url = realm;
    post.headers.Set("Content-Type", "application/x-www-form-urlencoded");
    post.body = "grant_type=refresh_token&client_id=mybuild&refresh_token=" +
                QueryEscape(login->identity_token) +
                (query.empty() ? "" : "&" + query);
    Expected<HttpResponse> posted = transport_.Send(post);
    // A token server without the OAuth2 POST (GCR answers 404) gets the
    // GET, with the token as the password, as containerd falls back.
    if (!posted.ok() || posted->status != 404) return TokenFrom(posted, what);
    if (login->password.empty()) {
      get.headers.Set("Authorization",
                      "Basic " + Base64Encode(login->username + ":" + login->identity_token));
    }
  }
  return TokenFrom(transport_.Send(get), what);
}

Expected<std::string> RegistryAuth::TokenFrom(const Expected<HttpResponse>& resp,
                                              const std::string& what) {
  if (!resp.ok()) return resp.status();
  if (!resp->success()) {
    Status st = ErrorFromResponse(*resp);
    if (resp->status == 401 || resp->status == 403) {
      st = Status(ErrorCode::kUnauthenticated, st.message());
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

Status RegistryAuth::Unauthorized(const std::string& what,
                                  const std::string& host,
                                  const std::string& repo,
                                  const std::string& scope, bool denied) {
  const std::optional<Credentials>& login = Login();
  if (!lookup_error_.ok()) {
    return Status(ErrorCode::kUnauthenticated,
                  "credentials for " + host + ": " + lookup_error_.message());
  }
  std::string fate =
      login ? "credentials from " +
                  (login->source.empty() ? "the caller" : login->source) +
                  (denied ? " are not allowed this scope (403)"
                          : " were rejected (401 after sending them)")
            : "no credentials for " + host + " (looked in " + searched_ + ")";
  std::string where = "registry " + host +
                      (repo.empty() ? "" : ", repository " + repo) +
                      (scope.empty() ? "" : ", scope " + scope);
  return Status(ErrorCode::kUnauthenticated, what + ": " + fate + "; " + where);
}

}  // namespace mybuild::registry
