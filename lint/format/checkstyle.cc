#include "lint/format/formats.h"
#include "lint/format/xml.h"

namespace mybuild::lint::format {

void WriteCheckstyle(const Reports& reports, const ReportOptions& o,
                     std::ostream& out) {
  out << "<?xml version='1.0' encoding='UTF-8'?><checkstyle version='4.3'>";
  for (const FileReport& r : reports) {
    std::vector<Finding> all = AllFindings(r);
    if (all.empty()) continue;
    out << "<file name='" << XmlEscape(ReportedPath(r, o)) << "'>";
    for (const Finding& f : all) {
      out << "<error line='" << f.line << "' column='" << f.column
          << "' severity='" << SeverityName(f.severity) << "' message='"
          << XmlEscape(f.message) << "' source='" << XmlEscape(f.code) << "'/>";
    }
    out << "</file>";
  }
  out << "</checkstyle>\n";
}

}  // namespace mybuild::lint::format
