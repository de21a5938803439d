#include "oci/digest.h"

#include "base/sha256.h"

namespace mybuild::oci {
namespace {

constexpr std::string_view kPrefix = "sha256:";

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

Expected<Digest> Digest::Parse(std::string_view text) {
  auto fail = [&](std::string_view why) {
    return InvalidArgument("invalid digest \"" + std::string(text) +
                           "\": " + std::string(why));
  };
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) return fail("missing algorithm prefix");
  if (text.substr(0, colon + 1) != kPrefix) {
    return fail("unsupported algorithm \"" +
                std::string(text.substr(0, colon)) + "\"");
  }
  std::string_view hex = text.substr(colon + 1);
  if (hex.size() != 64 || !IsLowerHex(hex)) {
    return fail("sha256 needs 64 lower-case hex digits");
  }
  return Digest(std::string(text));
}

Expected<Digest> Digest::FromHex(std::string_view hex) {
  return Parse(std::string(kPrefix) + std::string(hex));
}

Digest Digest::Of(std::string_view data) {
  return Digest(std::string(kPrefix) + Sha256Hex(data));
}

std::string_view Digest::hex() const {
  return empty() ? std::string_view() : std::string_view(s_).substr(7);
}

}  // namespace mybuild::oci
