// Text that may hold any bytes (file names, link targets, Dockerfile words)
// on its way into JSON, which holds only UTF-8: nlohmann::json throws on
// anything else when it dumps. Everything the planner or the context
// digester puts into JSON goes through one of these.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mybuild::planner {

// True when `s` is valid UTF-8 (as Go and nlohmann::json see it: no
// overlong forms, no surrogates, nothing above U+10FFFF).
bool IsUtf8(std::string_view s);

// For JSON that is hashed (cache-key recipes): the string itself when it is
// valid UTF-8, so ordinary text keeps the key it always had; otherwise the
// object {"bytes": "<lower-case hex of s>"}, which no string encodes to.
// Lossless and injective (docs/cache-keys.md).
nlohmann::json BytesJson(std::string_view s);
// BytesJson of each element, as a JSON array.
nlohmann::json BytesJson(const std::vector<std::string>& list);

// For text that people read and that is kept as a JSON string (the
// --explain inputs): `s` when it is valid UTF-8, else `s` Go-quoted
// ("\xff\xfe.bin", quotes included; unicode::Quote). Lossless, and readable
// in `--explain` lines; a valid string that is itself such a quoted form
// reads the same, which is harmless there (inputs only say what changed).
std::string ShownText(std::string_view s);

}  // namespace mybuild::planner
