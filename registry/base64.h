// Standard base64 (RFC 4648, with padding), for Basic auth headers and the
// `auth` entries of Docker's config.json.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mybuild::registry {

std::string Base64Encode(std::string_view data);

// nullopt when `text` is not valid padded base64 (whitespace not allowed).
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace mybuild::registry
