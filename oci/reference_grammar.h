// Internal to oci/: the character-level grammar of image references
// (distribution/reference), one predicate per production.
#pragma once

#include <string_view>

namespace mybuild::oci::internal {

// A repository path component: [a-z0-9]+ ((\.|_|__|-+) [a-z0-9]+)*
bool ValidPathComponent(std::string_view s);
// Registry host: dot-separated [A-Za-z0-9-] labels or "[ipv6]", with an
// optional ":port" of up to five digits.
bool ValidHost(std::string_view host);
// Splits "host:port" / "[v6]:port" into `name` (port dropped); false when
// the port is malformed.
bool SplitHost(std::string_view host, std::string_view* name);
// "[...]" holding an IPv6 address; `loopback` (if given) says whether it is
// ::1.
bool IsIpv6Literal(std::string_view bracketed, bool* loopback);
// [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
bool ValidTag(std::string_view s);
// Exactly 64 hex digits (either case): Docker refuses these as names.
bool IsHex64(std::string_view s);
bool HasUpper(std::string_view s);
// Docker's rule for whether a name's first component is a registry host:
// it contains '.' or ':', is "localhost", or has upper-case letters.
bool LooksLikeHost(std::string_view first);

}  // namespace mybuild::oci::internal
