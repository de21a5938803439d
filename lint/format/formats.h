// The report formats of `mybuild lint`, shaped like hadolint's so that the
// tools reading hadolint's output read ours. One .cc file per format.
#pragma once

#include <ostream>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "lint/format/report.h"

namespace mybuild::lint::format {

using Reports = std::vector<FileReport>;

// `file:line CODE severity: message`, one per line; parse errors as
// `file:line:column message`. Severities coloured when options.color.
void WriteTty(const Reports& r, const ReportOptions& o, std::ostream& out);
// One JSON array of {file, line, column, level, code, message}.
void WriteJson(const Reports& r, const ReportOptions& o, std::ostream& out);
// Checkstyle 4.3 XML, one <file> per file with <error> elements.
void WriteCheckstyle(const Reports& r, const ReportOptions& o,
                     std::ostream& out);
// Code Climate issues, each JSON object followed by a NUL byte.
void WriteCodeclimate(const Reports& r, const ReportOptions& o,
                      std::ostream& out);
// GitLab's Code Quality: one JSON array of Code Climate issues, each with a
// SHA-1 "fingerprint" of the JSON.
void WriteGitlabCodeclimate(const Reports& r, const ReportOptions& o,
                            std::ostream& out);
// GNU style: `mybuild-lint:file:line: CODE severity: message`.
void WriteGnu(const Reports& r, const ReportOptions& o, std::ostream& out);
// Codacy: one JSON object {filename, patternId, message, line} per line.
void WriteCodacy(const Reports& r, const ReportOptions& o, std::ostream& out);
// SonarQube generic issues: {"issues": [...]}.
void WriteSonarqube(const Reports& r, const ReportOptions& o,
                    std::ostream& out);
// SARIF 2.1.0, one run.
void WriteSarif(const Reports& r, const ReportOptions& o, std::ostream& out);
// JUnit XML: a testsuite per file, a failing testcase per finding.
void WriteJunit(const Reports& r, const ReportOptions& o, std::ostream& out);

// Writes `r` in the format named `name` (see lint/config.h FormatNames()).
// Fails with InvalidArgument for an unknown name, writing nothing.
Status WriteReport(std::string_view name, const Reports& r,
                   const ReportOptions& o, std::ostream& out);

}  // namespace mybuild::lint::format
