#include "lint/format/formats.h"

namespace mybuild::lint::format {

void WriteGnu(const Reports& reports, const ReportOptions&, std::ostream& out) {
  for (const FileReport& r : reports) {
    if (r.parse_error) {
      out << "mybuild-lint:" << r.file << ':' << r.parse_error->line << ':'
          << r.parse_error->column << ": " << r.parse_error->message << '\n';
    }
    for (const Finding& f : r.findings) {
      out << "mybuild-lint:" << r.file << ':' << f.line << ": " << f.code << ' '
          << SeverityName(f.severity) << ": " << f.message << '\n';
    }
  }
}

}  // namespace mybuild::lint::format
