// DL1001 (ignore): Please refrain from using inline ignore pragmas `# hadolint
// ignore=DLxxxx`.

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  for (int line : ctx.pragmas().ignore_lines) out.Report(line);
}

}  // namespace

const Rule& Dl1001() {
  static const FnRule rule({"DL1001", Severity::kIgnore,
                            "Please refrain from using inline ignore pragmas "
                            "`# hadolint ignore=DLxxxx`."},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
