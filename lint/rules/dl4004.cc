// DL4004 (error): Multiple `ENTRYPOINT` instructions found. If you list more
// than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect

#include <string>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  std::vector<int> seen(ctx.dockerfile().stages.size(), 0);
  ForEach<frontend::EntrypointInstruction>(
      ctx, [&](const frontend::EntrypointInstruction& i, size_t stage) {
        if (seen[stage]++ > 0) out.Report(i.range.start_line);
      });
}

}  // namespace

const Rule& Dl4004() {
  static const FnRule rule(
      {"DL4004", Severity::kError,
       "Multiple `ENTRYPOINT` instructions found. If you list more than one "
       "`ENTRYPOINT` then only the last `ENTRYPOINT` will take effect"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
