// DL3033 (warning): Specify version with `yum install -y <package>-<version>`.

#include "lint/rules/helpers.h"
#include "lint/rules/rpm_pins.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// hadolint's src/Hadolint/Rule/DL3033.hs; see rpm_pins.h.
void Check(const LintContext& ctx, Reporter& out) {
  ReportUnpinnedRpms(ctx, out, {"yum"}, {"module"});
}

}  // namespace

const Rule& Dl3033() {
  static const FnRule rule(
      {"DL3033", Severity::kWarning,
       "Specify version with `yum install -y <package>-<version>`."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
