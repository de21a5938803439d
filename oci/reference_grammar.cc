#include "oci/reference_grammar.h"

#include <arpa/inet.h>

#include <cctype>
#include <string>

namespace mybuild::oci::internal {
namespace {

bool IsAlnumLower(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

// [a-z0-9]+ ((\.|_|__|-+) [a-z0-9]+)*
bool ValidPathComponent(std::string_view s) {
  size_t i = 0;
  while (true) {
    size_t start = i;
    while (i < s.size() && IsAlnumLower(s[i])) ++i;
    if (i == start) return false;
    if (i == s.size()) return true;
    std::string_view rest = s.substr(i);
    if (rest.starts_with("__")) {
      i += 2;
    } else if (rest[0] == '.' || rest[0] == '_') {
      ++i;
    } else if (rest[0] == '-') {
      while (i < s.size() && s[i] == '-') ++i;
    } else {
      return false;
    }
  }
}

namespace {

// [a-zA-Z0-9] ([a-zA-Z0-9-]* [a-zA-Z0-9])?
bool ValidHostComponent(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-') return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

bool ValidPort(std::string_view s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool IsIpv6Literal(std::string_view bracketed, bool* loopback) {
  if (bracketed.size() < 3 || bracketed.front() != '[' ||
      bracketed.back() != ']') {
    return false;
  }
  std::string addr(bracketed.substr(1, bracketed.size() - 2));
  in6_addr a;
  if (inet_pton(AF_INET6, addr.c_str(), &a) != 1) return false;
  if (loopback) *loopback = IN6_IS_ADDR_LOOPBACK(&a);
  return true;
}

// Splits "host:port" / "[v6]:port"; false when the port is malformed.
bool SplitHost(std::string_view host, std::string_view* name) {
  size_t colon = host.rfind(':');
  size_t bracket = host.rfind(']');
  bool has_port = colon != std::string_view::npos &&
                  (bracket == std::string_view::npos || colon > bracket);
  *name = has_port ? host.substr(0, colon) : host;
  return !has_port || ValidPort(host.substr(colon + 1));
}

bool ValidHost(std::string_view host) {
  std::string_view name;
  if (!SplitHost(host, &name)) return false;
  if (name.starts_with("[")) return IsIpv6Literal(name, nullptr);
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    if (!ValidHostComponent(name.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
bool ValidTag(std::string_view s) {
  if (s.empty() || s.size() > 128 || s[0] == '.' || s[0] == '-') return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' &&
        c != '.' && c != '-') {
      return false;
    }
  }
  return true;
}

bool IsHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool HasUpper(std::string_view s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

// Docker's rule for whether the first component names a registry.
bool LooksLikeHost(std::string_view first) {
  return first.find_first_of(".:") != std::string_view::npos ||
         first == "localhost" || HasUpper(first);
}

}  // namespace mybuild::oci::internal
