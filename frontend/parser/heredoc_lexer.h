// The word splitter BuildKit runs over RUN/COPY/ADD lines to find heredoc
// markers: its shell lexer's ProcessWords with `\` as escape, no variables
// set and unset ones kept as written (SkipUnsetEnv). This is not the build's
// variable expander (that is frontend/shell); it exists only so that heredoc
// detection splits words exactly as BuildKit does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mybuild::frontend::parser {

struct LexOptions {
  bool raw_quotes = false;   // keep quote characters in the words
  bool raw_escapes = false;  // keep escape characters in the words
};

// Splits `text` into shell words. Quotes group, `\` escapes, `$name` and
// `${...}` forms are kept verbatim, and `<<` swallows the blanks after it so
// that `<< EOF` is one word. Fails (InvalidArgument) on an unterminated quote
// or `${`, and on `${...}` forms BuildKit rejects (bad substitution,
// unsupported modifier).
Expected<std::vector<std::string>> LexWords(std::string_view text,
                                            LexOptions options);

}  // namespace mybuild::frontend::parser
