// Internal to oci/: reading typed fields out of nlohmann::json objects with
// errors as values, and the one canonical way to print JSON.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mybuild::oci::internal {

using Json = nlohmann::json;

// Parses `text`; a syntax error becomes kInvalidArgument
// "<what>: invalid JSON: <parser message>". Never throws.
Expected<Json> ParseJson(std::string_view text, std::string_view what);

// Compact, keys sorted (nlohmann objects are std::maps), UTF-8 kept as is,
// invalid UTF-8 replaced by U+FFFD. Same value, same bytes.
std::string Canonical(const Json& j);

// Reads fields of one JSON object. Every getter leaves `out` untouched when
// the key is absent or null and fails (kInvalidArgument
// `<where>: field "<key>" must be <kind>`) when it has the wrong type.
class Fields {
 public:
  // Fails unless `j` is an object.
  static Expected<Fields> Of(const Json& j, std::string where);

  Status Str(const char* key, std::string* out) const;
  Status Int(const char* key, int64_t* out) const;
  Status Bool(const char* key, bool* out) const;
  Status StrList(const char* key, std::vector<std::string>* out) const;
  Status StrMap(const char* key, std::map<std::string, std::string>* out) const;
  // An object whose values are ignored ({"80/tcp": {}}): its keys.
  Status KeySet(const char* key, std::set<std::string>* out) const;
  // Fails with `<where>: missing field "<key>"` when absent.
  Status Require(const char* key) const;
  // The raw JSON of every key not in `known`, for round-tripping.
  std::map<std::string, std::string> Unknown(
      const std::set<std::string_view>& known) const;

  // The value at `key`, or null when absent.
  const Json& Get(const char* key) const;
  const std::string& where() const { return where_; }
  Status WrongType(const char* key, const char* kind) const;

 private:
  Fields(const Json* j, std::string where) : j_(j), where_(std::move(where)) {}
  const Json* j_;
  std::string where_;
};

// Re-inserts raw JSON saved by Fields::Unknown; entries that no longer parse
// are dropped.
void PutUnknown(const std::map<std::string, std::string>& raw, Json* j);

}  // namespace mybuild::oci::internal
