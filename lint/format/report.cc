#include "lint/format/report.h"

namespace mybuild::lint::format {

Finding ParseErrorFinding(const FileReport& r) {
  Finding f;
  f.code = "DL1000";
  f.severity = Severity::kError;
  f.message = r.parse_error ? r.parse_error->message : "";
  f.line = r.parse_error ? r.parse_error->line : 1;
  f.column = r.parse_error ? r.parse_error->column : 1;
  f.file = r.file;
  return f;
}

std::vector<Finding> AllFindings(const FileReport& r) {
  std::vector<Finding> out;
  if (r.parse_error) out.push_back(ParseErrorFinding(r));
  out.insert(out.end(), r.findings.begin(), r.findings.end());
  return out;
}

}  // namespace mybuild::lint::format
