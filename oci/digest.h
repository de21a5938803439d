// Content digests: "sha256:<64 lower-case hex>", the name of every blob.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "base/status.h"

namespace mybuild::oci {

class Digest {
 public:
  // An empty digest; str() is "". Only useful as a placeholder.
  Digest() = default;

  // Accepts exactly "sha256:" followed by 64 lower-case hex digits.
  // Fails with kInvalidArgument naming the text, e.g.
  //   invalid digest "sha256:abc": sha256 needs 64 lower-case hex digits
  static Expected<Digest> Parse(std::string_view text);
  // `hex` is the 64 lower-case hex digits without the "sha256:" prefix.
  static Expected<Digest> FromHex(std::string_view hex);
  // The SHA-256 digest of `data`.
  static Digest Of(std::string_view data);

  const std::string& str() const { return s_; }
  // The 64 hex digits (empty for an empty digest).
  std::string_view hex() const;
  bool empty() const { return s_.empty(); }

  auto operator<=>(const Digest&) const = default;

 private:
  explicit Digest(std::string s) : s_(std::move(s)) {}
  std::string s_;
};

}  // namespace mybuild::oci
