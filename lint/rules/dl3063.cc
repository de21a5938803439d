// DL3063 (ignore): A USER instruction should be specified

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  const auto& stages = ctx.dockerfile().stages;
  if (stages.empty()) return;
  for (const frontend::Instruction& i : stages.back().instructions) {
    if (std::holds_alternative<frontend::UserInstruction>(i)) return;
  }
  out.Report(stages.back().range.start_line + 1);
}

}  // namespace

const Rule& Dl3063() {
  static const FnRule rule(
      {"DL3063", Severity::kIgnore, "A USER instruction should be specified"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
