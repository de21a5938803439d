// Parses the WWW-Authenticate header of a 401 (RFC 7235): which scheme the
// registry wants and, for Bearer, where to get a token (realm, service,
// scope).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mybuild::registry {

struct AuthChallenge {
  std::string scheme;                         // lower case: "bearer", "basic"
  std::map<std::string, std::string> params;  // names lower case, unquoted

  // The value of `name`, or "" when absent.
  std::string Param(const std::string& name) const;
};

// Every challenge in one header value, in order, e.g.
//   Bearer realm="https://auth.example/token",service="r",scope="a b"
// Quoted values are unescaped. Malformed trailing text is ignored; a value
// with no recognisable scheme gives an empty vector.
std::vector<AuthChallenge> ParseWwwAuthenticate(std::string_view value);

}  // namespace mybuild::registry
