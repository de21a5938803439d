// Reports the format tests share: two files, one with findings whose
// messages need escaping, one that did not parse.
#pragma once

#include "lint/format/report.h"

namespace mybuild::lint::format::testing {

inline std::vector<FileReport> SampleReports() {
  FileReport a;
  a.file = "Dockerfile";
  a.findings = {
      {"DL3027", Severity::kWarning,
       "Do not use apt as it is meant to be an end-user tool, use apt-get or "
       "apt-cache instead",
       3, 1, "Dockerfile"},
      {"SC2086", Severity::kInfo,
       "Double quote to prevent globbing and word splitting.", 4, 12,
       "Dockerfile"},
      {"DL3020", Severity::kError,
       "Use COPY instead of ADD for files and folders <'&\"> \xc3\xa9", 5, 1,
       "Dockerfile"},
      {"DL3059", Severity::kStyle, "Multiple consecutive `RUN` instructions.",
       6, 1, "Dockerfile"},
  };
  FileReport b;
  b.file = "sub/Bad.Dockerfile";
  b.parse_error = ParseFailure{2, 1, "unknown instruction: RUNN"};
  return {a, b};
}

}  // namespace mybuild::lint::format::testing
