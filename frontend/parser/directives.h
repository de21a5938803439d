// Parser directives (`# syntax=...`, `# escape=...`, `# check=...`), which
// are only recognised in the comment lines at the very top of a Dockerfile.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mybuild::frontend::parser {

struct Directive {
  std::string name;   // lower-cased: "syntax", "escape" or "check"
  std::string value;  // as written, surrounding blanks removed
  int line = 0;       // 1-based
};

// Feeds lines one at a time until the first line that is not a directive;
// from then on every line is ignored.
class DirectiveScanner {
 public:
  // `line` has its line ending and leading whitespace removed. Returns the
  // directive it holds, if any. Fails (InvalidArgument) on a repeated
  // directive and on an escape other than `\` or a backtick.
  Expected<std::optional<Directive>> Feed(std::string_view line, int number);

  bool done() const { return done_; }

 private:
  bool done_ = false;
  std::set<std::string> seen_;
};

// Matches `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` (RE2 semantics):
// name and value of a directive-shaped comment, whatever the name.
std::optional<Directive> MatchDirective(std::string_view line);

}  // namespace mybuild::frontend::parser
