// Recognising heredoc markers (`<<EOF`, `<<-'EOF'`, `3<<EOF`, `<< EOF`) the
// way BuildKit does. Reading the bodies is the parser's job.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "frontend/parser/node.h"

namespace mybuild::frontend::parser {

// One word against `^(\d*)<<(-?)\s*([^<]*)$`: the heredoc it names (content
// empty), or nullopt when it is not a marker (no delimiter, or a delimiter of
// several words). Fails when the delimiter does not lex (`<<'EOF`).
Expected<std::optional<Heredoc>> ParseHeredocWord(std::string_view word);

// The heredocs of a logical RUN/COPY/ADD line, in marker order. A line that
// does not lex as shell words has none.
Expected<std::vector<Heredoc>> HeredocsFromLine(std::string_view line);

}  // namespace mybuild::frontend::parser
