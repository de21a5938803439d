// ReservedStageName (warning): Stage name should not use the same name as a
// reserved stage

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    if (s.name == "scratch" || s.name == "context") {
      out.Report(
          s.range.start_line,
          "Stage name should not use the same name as reserved stage \"" +
              s.name + "\"");
    }
  }
}

}  // namespace

const Rule& ReservedStageName() {
  static const FnRule rule(
      {"ReservedStageName", Severity::kWarning,
       "Stage name should not use the same name as a reserved stage"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
