// DL4001 (warning): Either use Wget or Curl but not both

#include <string>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  // Per stage: once one tool is used, RUNs using the other one are flagged.
  std::vector<std::string> first(ctx.dockerfile().stages.size());
  ForEachRunScript(ctx, false, [&](const RunScript& r) {
    bool wget = r.shell->Uses("wget"), curl = r.shell->Uses("curl");
    std::string& tool = first[r.stage];
    if (tool.empty()) {
      if (wget && curl) {
        out.Report(r.line);
        return;
      }
      tool = wget ? "wget" : curl ? "curl" : "";
      return;
    }
    if ((tool == "wget" && curl) || (tool == "curl" && wget))
      out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl4001() {
  static const FnRule rule(
      {"DL4001", Severity::kWarning, "Either use Wget or Curl but not both"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
