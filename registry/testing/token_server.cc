#include "registry/testing/token_server.h"

#include <cstdlib>

#include "registry/base64.h"

namespace mybuild::registry::testing {
namespace {

constexpr char kIssuer[] = "mybuild-test-issuer";
constexpr char kService[] = "mybuild-test-registry";

std::string PercentDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::strtol(s.substr(i + 1, 2).c_str(), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

// The first `scope=repository:NAME:ACTIONS` of a request target, split into
// NAME and its comma-separated ACTIONS; empty for a scope-less login check.
void ScopeOf(const std::string& target, std::string* repo, std::vector<std::string>* actions) {
  size_t q = target.find('?');
  std::string query = q == std::string::npos ? "" : target.substr(q + 1);
  for (size_t pos = 0; pos <= query.size();) {
    size_t amp = query.find('&', pos);
    if (amp == std::string::npos) amp = query.size();
    std::string param = query.substr(pos, amp - pos);
    pos = amp + 1;
    if (param.rfind("scope=", 0) != 0) continue;
    std::string scope = PercentDecode(param.substr(6));  // repository:NAME:a,b
    size_t first = scope.find(':'), last = scope.rfind(':');
    if (first == std::string::npos || first == last) continue;
    *repo = scope.substr(first + 1, last - first - 1);
    std::string list = scope.substr(last + 1);
    for (size_t p = 0; p <= list.size();) {
      size_t comma = list.find(',', p);
      if (comma == std::string::npos) comma = list.size();
      if (comma > p) actions->push_back(list.substr(p, comma - p));
      p = comma + 1;
    }
    return;
  }
}

}  // namespace

Expected<std::unique_ptr<TokenServer>> TokenServer::Start(const std::string& dir,
                                                          std::string user,
                                                          std::string password) {
  ASSIGN_OR_RETURN(TokenSigner signer, MakeTokenSigner(dir));
  std::unique_ptr<TokenServer> server(
      new TokenServer(std::move(signer), std::move(user), std::move(password)));
  ASSIGN_OR_RETURN(server->http_, TinyHttpServer::StartAnswering([s = server.get()](
                                      const ReceivedRequest& r) { return s->Answer(r); }));
  return server;
}

TokenServer::TokenServer(TokenSigner signer, std::string user, std::string password)
    : signer_(std::move(signer)), user_(std::move(user)), password_(std::move(password)) {}

TokenAuthConfig TokenServer::registry_config() const {
  return TokenAuthConfig{http_->Url("/token"), kService, kIssuer, signer_.cert};
}

std::string TokenServer::Answer(const ReceivedRequest& r) const {
  if (r.headers.Get("Authorization") != "Basic " + Base64Encode(user_ + ":" + password_)) {
    return RawReply(401, {}, R"({"details":"incorrect username or password"})");
  }
  std::string repo;
  std::vector<std::string> actions;
  ScopeOf(r.target, &repo, &actions);
  auto token = SignRegistryToken(signer_, kIssuer, kService, repo, actions);
  if (!token.ok()) return RawReply(500, {}, token.status().message());
  return RawReply(200, {}, R"({"token":")" + *token + R"("})");
}

}  // namespace mybuild::registry::testing
