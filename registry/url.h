// Just enough URL handling for a registry client: split an absolute http(s)
// URL, resolve a Location header against the request's URL, and tell
// loopback hosts (which may be spoken to over plain HTTP) from the rest.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace mybuild::registry {

struct Url {
  std::string scheme;  // "http" or "https", lower case
  std::string host;    // as written; IPv6 literals keep their brackets
  std::string port;    // "" when absent
  std::string path;    // starts with "/", includes any "?query"

  // host[:port]
  std::string Authority() const;
  std::string ToString() const;
};

// Parses "http[s]://host[:port][/path][?query]". Fails with kInvalidArgument
// ("invalid URL \"...\": reason") for other schemes, user info, an empty
// host, or a non-numeric port.
Expected<Url> ParseUrl(std::string_view text);

// Resolves a redirect target against the URL that produced it: absolute
// URLs, scheme-relative "//host/x", absolute paths "/x" and relative paths
// "x" (against the base's directory). Fails like ParseUrl.
Expected<Url> ResolveUrl(const Url& base, std::string_view ref);

// True for "localhost", any IPv4 address in 127.0.0.0/8, and "[::1]"/"::1".
// `host` has no port.
bool IsLoopbackHost(std::string_view host);

// Splits "host:port", "[v6]:port", "host" into host and port ("" if none).
void SplitHostPort(std::string_view authority, std::string* host,
                   std::string* port);

// Percent-encodes everything but unreserved characters (RFC 3986), for
// query parameters such as a token request's scope.
std::string QueryEscape(std::string_view s);

}  // namespace mybuild::registry
