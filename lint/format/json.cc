#include <nlohmann/json.hpp>

#include "lint/format/formats.h"

namespace mybuild::lint::format {

void WriteJson(const Reports& reports, const ReportOptions&,
               std::ostream& out) {
  nlohmann::json all = nlohmann::json::array();
  for (const FileReport& r : reports) {
    for (const Finding& f : AllFindings(r)) {
      all.push_back({{"file", r.file},
                     {"line", f.line},
                     {"column", f.column},
                     {"level", SeverityName(f.severity)},
                     {"code", f.code},
                     {"message", f.message}});
    }
  }
  out << all.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
}

}  // namespace mybuild::lint::format
