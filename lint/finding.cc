#include "lint/finding.h"

#include <algorithm>

namespace mybuild::lint {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
    case Severity::kStyle:
      return "style";
    case Severity::kIgnore:
      return "ignore";
  }
  return "ignore";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  if (name == "error") return Severity::kError;
  if (name == "warning") return Severity::kWarning;
  if (name == "info") return Severity::kInfo;
  if (name == "style") return Severity::kStyle;
  if (name == "ignore" || name == "none") return Severity::kIgnore;
  return std::nullopt;
}

void SortFindings(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(),
                   [](const Finding& a, const Finding& b) {
                     if (a.line != b.line) return a.line < b.line;
                     return a.column < b.column;
                   });
}

}  // namespace mybuild::lint
