// What a lint rule reports, and how bad it is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mybuild::lint {

// hadolint's levels, most severe first; the order is the comparison order
// (kError < kWarning means "more severe").
enum class Severity { kError, kWarning, kInfo, kStyle, kIgnore };

// "error", "warning", "info", "style" or "ignore".
std::string_view SeverityName(Severity s);

// Parses one of the names above (exactly, lower case). "none" is accepted as
// a failure threshold and means the same as "ignore". nullopt otherwise.
std::optional<Severity> ParseSeverity(std::string_view name);

struct Finding {
  std::string code;  // "DL3008", "SC2086", "UndefinedVar"
  Severity severity = Severity::kWarning;
  std::string message;
  int line = 0;      // 1-based
  int column = 1;    // 1-based; rules report 1, ShellCheck its own
  std::string file;  // as given on the command line ("-" for stdin)
};

// A Dockerfile that could not be parsed (reported as DL1000).
struct ParseFailure {
  int line = 1;
  int column = 1;
  std::string message;  // without the "file:line:" prefix
};

// Orders findings by line, then column, keeping the order of equal ones.
void SortFindings(std::vector<Finding>* findings);

}  // namespace mybuild::lint
