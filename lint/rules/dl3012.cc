// DL3012 (error): Multiple `HEALTHCHECK` instructions

#include <string>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  std::vector<int> seen(ctx.dockerfile().stages.size(), 0);
  ForEach<frontend::HealthcheckInstruction>(
      ctx, [&](const frontend::HealthcheckInstruction& h, size_t stage) {
        if (seen[stage]++ > 0) out.Report(h.range.start_line);
      });
}

}  // namespace

const Rule& Dl3012() {
  static const FnRule rule(
      {"DL3012", Severity::kError, "Multiple `HEALTHCHECK` instructions"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
