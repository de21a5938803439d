// Streaming SHA-256 through OpenSSL.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace mybuild {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;

  void Update(const void* data, size_t size);
  void Update(std::string_view s) { Update(s.data(), s.size()); }
  // Lower-case hex of the digest. Call once; the hasher is spent afterwards.
  std::string HexDigest();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// Hex SHA-256 of the file at `path`, read in chunks.
Expected<std::string> Sha256File(const std::string& path);
// Hex SHA-256 of what is left to read from `fd`; `what` names it in errors:
//   read "<what>": Input/output error
Expected<std::string> Sha256Fd(int fd, const std::string& what);

}  // namespace mybuild
