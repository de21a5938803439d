// What the formatters print: per linted file, its findings and (when it did
// not parse) its parse error. Also the formatters' shared options.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "lint/finding.h"

namespace mybuild::lint::format {

using ParseFailure = lint::ParseFailure;

struct FileReport {
  std::string file;  // as given on the command line ("-" for stdin)
  std::vector<Finding> findings;            // sorted, filtered
  std::optional<ParseFailure> parse_error;  // reported as DL1000
};

struct ReportOptions {
  bool color = false;  // tty only: colour the severities
  // Replaces the file name in checkstyle, codeclimate, gitlab_codeclimate,
  // sonarqube and junit reports (hadolint's --file-path-in-report).
  std::string file_path_in_report;
  std::time_t now = 0;  // junit's run id and name
  std::string tool_version = "0.1.0";
};

// The file name a report shows for `r` under `o`.
inline const std::string& ReportedPath(const FileReport& r,
                                       const ReportOptions& o) {
  return o.file_path_in_report.empty() ? r.file : o.file_path_in_report;
}

// The parse error as a finding (code DL1000, severity error).
Finding ParseErrorFinding(const FileReport& r);

// All findings of `r`, its parse error first.
std::vector<Finding> AllFindings(const FileReport& r);

}  // namespace mybuild::lint::format
