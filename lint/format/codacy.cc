#include <nlohmann/json.hpp>

#include "lint/format/formats.h"

namespace mybuild::lint::format {

void WriteCodacy(const Reports& reports, const ReportOptions&,
                 std::ostream& out) {
  for (const FileReport& r : reports) {
    for (const Finding& f : AllFindings(r)) {
      nlohmann::json issue = {{"filename", r.file},
                              {"patternId", f.code},
                              {"message", f.message},
                              {"line", f.line}};
      out << issue.dump(-1, ' ', false,
                        nlohmann::json::error_handler_t::replace)
          << '\n';
    }
  }
}

}  // namespace mybuild::lint::format
