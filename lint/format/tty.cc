#include "lint/format/formats.h"

namespace mybuild::lint::format {
namespace {

std::string_view Colour(Severity s) {
  switch (s) {
    case Severity::kError:
      return "\x1b[91m";  // bright red
    case Severity::kWarning:
      return "\x1b[93m";  // bright yellow
    case Severity::kInfo:
      return "\x1b[92m";  // bright green
    case Severity::kStyle:
      return "\x1b[96m";  // bright cyan
    case Severity::kIgnore:
      return "";
  }
  return "";
}

}  // namespace

void WriteTty(const Reports& reports, const ReportOptions& o,
              std::ostream& out) {
  for (const FileReport& r : reports) {
    if (r.parse_error) {
      out << r.file << ':' << r.parse_error->line << ':'
          << r.parse_error->column << ' ' << r.parse_error->message << '\n';
    }
    for (const Finding& f : r.findings) {
      out << r.file << ':' << f.line << ' ' << f.code << ' ';
      if (o.color) {
        out << Colour(f.severity) << SeverityName(f.severity) << "\x1b[0m";
      } else {
        out << SeverityName(f.severity);
      }
      out << ": " << f.message << '\n';
    }
  }
}

}  // namespace mybuild::lint::format
