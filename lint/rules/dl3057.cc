// DL3057 (ignore): `HEALTHCHECK` instruction missing.

#include <set>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  const auto& stages = ctx.dockerfile().stages;
  if (stages.empty()) return;
  // The final stage, or a stage it is built on, must have one.
  size_t s = stages.size() - 1;
  std::set<size_t> visited;
  while (visited.insert(s).second) {
    for (const frontend::Instruction& i : stages[s].instructions) {
      if (std::holds_alternative<frontend::HealthcheckInstruction>(i)) return;
    }
    bool found = false;
    for (size_t p = 0; p < s; ++p) {
      if (!stages[p].name.empty() && stages[p].name == stages[s].base) {
        s = p;
        found = true;
      }
    }
    if (!found) break;
  }
  out.Report(stages.back().range.start_line);
}

}  // namespace

const Rule& Dl3057() {
  static const FnRule rule(
      {"DL3057", Severity::kIgnore, "`HEALTHCHECK` instruction missing."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
