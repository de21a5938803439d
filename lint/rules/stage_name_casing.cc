// StageNameCasing (warning): Stage names should be lowercase

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    if (s.name.empty()) continue;
    std::string as_written = StageNameAsWritten(s);
    if (as_written != s.name) {
      out.Report(s.range.start_line,
                 "Stage name '" + as_written + "' should be lowercase");
    }
  }
}

}  // namespace

const Rule& StageNameCasing() {
  static const FnRule rule({"StageNameCasing", Severity::kWarning,
                            "Stage names should be lowercase"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
