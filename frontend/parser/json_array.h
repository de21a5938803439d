// The JSON ("exec") form of Dockerfile arguments: `["a", "b"]`, decoded the
// way Go's encoding/json decodes into []interface{} (BuildKit's parseJSON).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mybuild::frontend::parser {

enum class JsonArrayStatus {
  kOk,          // a JSON array whose elements are all strings
  kNotJson,     // not a JSON array at all: the caller uses the shell form
  kNotStrings,  // valid JSON array with a non-string element: a parse error
};

struct JsonArray {
  JsonArrayStatus status = JsonArrayStatus::kNotJson;
  std::vector<std::string> items;  // decoded elements when status is kOk
};

// Decodes `text` (after leading Unicode whitespace) as one JSON array followed
// only by JSON whitespace. Escapes, surrogate pairs and invalid UTF-8 (each
// bad byte becomes U+FFFD) decode as in Go; nesting deeper than 10000 levels
// is invalid JSON, as in Go.
JsonArray ParseJsonArray(std::string_view text);

}  // namespace mybuild::frontend::parser
