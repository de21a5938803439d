// DL4003 (warning): Multiple `CMD` instructions found. If you list more than
// one `CMD` then only the last `CMD` will take effect

#include <string>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  std::vector<int> seen(ctx.dockerfile().stages.size(), 0);
  ForEach<frontend::CmdInstruction>(
      ctx, [&](const frontend::CmdInstruction& i, size_t stage) {
        if (seen[stage]++ > 0) out.Report(i.range.start_line);
      });
}

}  // namespace

const Rule& Dl4003() {
  static const FnRule rule(
      {"DL4003", Severity::kWarning,
       "Multiple `CMD` instructions found. If you list more than one `CMD` "
       "then only the last `CMD` will take effect"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
