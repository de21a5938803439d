#include <nlohmann/json.hpp>

#include "lint/format/formats.h"

namespace mybuild::lint::format {
namespace {

// SARIF has error, warning and note: info and style become notes.
std::string_view SarifLevel(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    default:
      return "note";
  }
}

nlohmann::json Result(const FileReport& r, const Finding& f) {
  bool shell = f.code.rfind("SC", 0) == 0;
  nlohmann::json region = {{"startLine", f.line},
                           {"endLine", f.line},
                           {"startColumn", f.column},
                           {"endColumn", f.column},
                           {"sourceLanguage", shell ? "sh" : "dockerfile"}};
  return {
      {"ruleId", f.code},
      {"level", SarifLevel(f.severity)},
      {"message", {{"text", f.message}}},
      {"locations",
       {{{"physicalLocation",
          {{"artifactLocation", {{"uri", r.file}}}, {"region", region}}}}}}};
}

}  // namespace

void WriteSarif(const Reports& reports, const ReportOptions& o,
                std::ostream& out) {
  nlohmann::json results = nlohmann::json::array();
  for (const FileReport& r : reports) {
    for (const Finding& f : AllFindings(r)) results.push_back(Result(r, f));
  }
  nlohmann::json driver = {
      {"name", "mybuild-lint"},
      {"fullName",
       "mybuild lint, a Dockerfile linter compatible with hadolint"},
      {"version", o.tool_version},
      {"shortDescription", {{"text", "Dockerfile linter"}}}};
  nlohmann::json doc = {{"version", "2.1.0"},
                        {"$schema", "http://json.schemastore.org/sarif-2.1.0"},
                        {"runs",
                         {{{"tool", {{"driver", driver}}},
                           {"results", results},
                           {"defaultSourceLanguage", "dockerfile"}}}}};
  out << doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
}

}  // namespace mybuild::lint::format
