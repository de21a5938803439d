#include "lint/format/formats.h"

namespace mybuild::lint::format {

Status WriteReport(std::string_view name, const Reports& r,
                   const ReportOptions& o, std::ostream& out) {
  using Writer = void (*)(const Reports&, const ReportOptions&, std::ostream&);
  static constexpr std::pair<std::string_view, Writer> kWriters[] = {
      {"tty", WriteTty},
      {"json", WriteJson},
      {"checkstyle", WriteCheckstyle},
      {"codeclimate", WriteCodeclimate},
      {"gitlab_codeclimate", WriteGitlabCodeclimate},
      {"gnu", WriteGnu},
      {"codacy", WriteCodacy},
      {"sonarqube", WriteSonarqube},
      {"sarif", WriteSarif},
      {"junit", WriteJunit},
  };
  for (const auto& [n, writer] : kWriters) {
    if (n == name) {
      writer(r, o, out);
      return Status::Ok();
    }
  }
  return InvalidArgument("unknown format \"" + std::string(name) + "\"");
}

}  // namespace mybuild::lint::format
