// Per-instruction argument parsing: turns one logical line into a Node the
// way BuildKit's dispatch table does (JSON or shell form, ENV/LABEL pairs,
// ARG words, HEALTHCHECK type, ONBUILD nesting, unknown keywords).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "frontend/parser/node.h"

namespace mybuild::frontend::parser {

// The node for `line` (keyword, flags, args, json, original; no lines or
// heredocs yet). `escape` is the escape token (`\` or a backtick). Fails
// (InvalidArgument, message without location) on a JSON array with a
// non-string element, on ENV/LABEL without a value, and on ENV/LABEL words
// without `=` in the `k=v` form.
Expected<Node> NodeFromLine(std::string_view line, char escape);

// ARG/ENV/LABEL words: split at unquoted Unicode whitespace, quotes and
// escapes kept (an escape at the very end is dropped).
std::vector<std::string> ParseWords(std::string_view rest, char escape);

}  // namespace mybuild::frontend::parser
