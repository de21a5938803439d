#include "registry/url.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace mybuild::registry {
namespace {

Status Invalid(std::string_view text, const std::string& why) {
  return InvalidArgument("invalid URL \"" + std::string(text) + "\": " + why);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(c));
  return out;
}

}  // namespace

std::string Url::Authority() const {
  return port.empty() ? host : host + ":" + port;
}

std::string Url::ToString() const {
  return scheme + "://" + Authority() + path;
}

void SplitHostPort(std::string_view authority, std::string* host,
                   std::string* port) {
  size_t colon = authority.rfind(':');
  size_t bracket = authority.rfind(']');
  bool has_port = colon != std::string_view::npos &&
                  (bracket == std::string_view::npos || colon > bracket) &&
                  authority.find(':') == colon;
  if (authority.starts_with('[')) {
    has_port = colon != std::string_view::npos &&
               bracket != std::string_view::npos && colon == bracket + 1;
  }
  *host = std::string(has_port ? authority.substr(0, colon) : authority);
  *port = has_port ? std::string(authority.substr(colon + 1)) : "";
}

Expected<Url> ParseUrl(std::string_view text) {
  size_t sep = text.find("://");
  if (sep == std::string_view::npos) return Invalid(text, "no scheme");
  Url url;
  url.scheme = Lower(text.substr(0, sep));
  if (url.scheme != "http" && url.scheme != "https") {
    return Invalid(text, "scheme must be http or https");
  }
  std::string_view rest = text.substr(sep + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  if (authority.find('@') != std::string_view::npos) {
    return Invalid(text, "user info is not allowed");
  }
  SplitHostPort(authority, &url.host, &url.port);
  if (url.host.empty()) return Invalid(text, "no host");
  if (authority.ends_with(':') || (!url.port.empty() && !AllDigits(url.port))) {
    return Invalid(text, "bad port");
  }
  std::string_view path = end == std::string_view::npos ? "" : rest.substr(end);
  path = path.substr(0, path.find('#'));
  url.path =
      path.starts_with('/') ? std::string(path) : "/" + std::string(path);
  return url;
}

Expected<Url> ResolveUrl(const Url& base, std::string_view ref) {
  if (ref.find("://") != std::string_view::npos) return ParseUrl(ref);
  if (ref.starts_with("//"))
    return ParseUrl(base.scheme + ":" + std::string(ref));
  Url url = base;
  if (ref.starts_with('/')) {
    url.path = std::string(ref);
  } else {
    std::string dir = base.path.substr(0, base.path.find('?'));
    dir = dir.substr(0, dir.rfind('/') + 1);
    url.path = dir + std::string(ref);
  }
  return url;
}

bool IsLoopbackHost(std::string_view host) {
  std::string h = Lower(host);
  if (h == "localhost" || h == "[::1]" || h == "::1") return true;
  // A dotted quad whose first octet is 127.
  int octets = 0;
  std::string_view rest = h;
  while (true) {
    size_t dot = rest.find('.');
    std::string_view part = rest.substr(0, dot);
    int value = -1;
    if (!AllDigits(part) || part.size() > 3) return false;
    std::from_chars(part.data(), part.data() + part.size(), value);
    if (value > 255 || (octets == 0 && value != 127)) return false;
    ++octets;
    if (dot == std::string_view::npos) break;
    rest = rest.substr(dot + 1);
  }
  return octets == 4;
}

std::string QueryEscape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace mybuild::registry
