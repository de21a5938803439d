#include "lint/format/formats.h"
#include "lint/format/xml.h"

namespace mybuild::lint::format {
namespace {

std::string FormatTime(std::time_t t, const char* fmt) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

void WriteCase(const std::string& path, const Finding& f, std::ostream& out) {
  bool parse_error = f.code == "DL1000";
  std::string level(SeverityName(f.severity));
  std::string body;
  if (parse_error) {
    body = "Parse Error in " + path + "\nLine: " + std::to_string(f.line) +
           "\nColumn: " + std::to_string(f.column) +
           "\nParse Error: " + f.message + "\n";
    out << "<testcase id='mybuild-lint.error' name='DL1000' time='0.001'>"
        << "<failure type='error' message='parse error at line " << f.line
        << ", column " << f.column << "'>";
  } else {
    body = "File: " + path + "\nLine: " + std::to_string(f.line) +
           "\nCategory: mybuild lint - Dockerfile Static Analysis\n" + level +
           ": " + f.message + "\n";
    out << "<testcase id='mybuild-lint.rule." << XmlEscape(f.code) << "' name='"
        << XmlEscape(f.code) << "' time='0.001'>"
        << "<failure id='" << XmlEscape(f.code) << "' type='" << level
        << "' message='" << XmlEscape(f.message) << "'>";
  }
  out << XmlEscape(body) << "</failure></testcase>";
}

}  // namespace

void WriteJunit(const Reports& reports, const ReportOptions& o,
                std::ostream& out) {
  out << "<?xml version='1.0' encoding='UTF-8'?><testsuites id='"
      << FormatTime(o.now, "%Y%m%d_%H%M%S") << "' name='"
      << XmlEscape(FormatTime(o.now, "mybuild lint run at %Y-%m-%d %H:%M:%S"))
      << "' time='0.001'>";
  for (const FileReport& r : reports) {
    std::vector<Finding> all = AllFindings(r);
    out << "<testsuite id='mybuild-lint' name='"
        << XmlEscape("mybuild lint " + o.tool_version) << "' time='0.001'"
        << " tests='" << all.size() << "' failures='" << all.size()
        << "' errors='" << (r.parse_error ? 1 : 0) << "'>";
    for (const Finding& f : all) WriteCase(ReportedPath(r, o), f, out);
    out << "</testsuite>";
  }
  out << "</testsuites>\n";
}

}  // namespace mybuild::lint::format
