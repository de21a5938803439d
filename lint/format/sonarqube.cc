#include <nlohmann/json.hpp>

#include "lint/format/formats.h"

namespace mybuild::lint::format {
namespace {

std::string_view SonarSeverity(Severity s) {
  switch (s) {
    case Severity::kError:
      return "CRITICAL";
    case Severity::kWarning:
      return "MAJOR";
    case Severity::kInfo:
      return "MINOR";
    default:
      return "INFO";
  }
}

}  // namespace

void WriteSonarqube(const Reports& reports, const ReportOptions& o,
                    std::ostream& out) {
  nlohmann::json issues = nlohmann::json::array();
  for (const FileReport& r : reports) {
    for (const Finding& f : AllFindings(r)) {
      bool parse_error = f.code == "DL1000";
      issues.push_back(
          {{"engineId", "mybuild-lint"},
           {"ruleId", f.code},
           {"severity", parse_error ? "BLOCKER" : SonarSeverity(f.severity)},
           {"type", f.severity == Severity::kError ? "BUG" : "CODE_SMELL"},
           {"primaryLocation",
            {{"message", f.message},
             {"filePath", ReportedPath(r, o)},
             {"textRange",
              {{"startLine", f.line},
               {"endLine", f.line},
               {"startColumn", parse_error ? f.column : 0},
               {"endColumn", parse_error ? f.column : 1}}}}}});
    }
  }
  nlohmann::json doc = {{"issues", issues}};
  out << doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
}

}  // namespace mybuild::lint::format
