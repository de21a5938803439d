// DL3041 (warning): Specify version with `dnf install -y <package>-<version>`.

#include "lint/rules/helpers.h"
#include "lint/rules/rpm_pins.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// hadolint's src/Hadolint/Rule/DL3041.hs; see rpm_pins.h.
void Check(const LintContext& ctx, Reporter& out) {
  ReportUnpinnedRpms(ctx, out, {"dnf", "microdnf"}, {"module", "group"});
}

}  // namespace

const Rule& Dl3041() {
  static const FnRule rule(
      {"DL3041", Severity::kWarning,
       "Specify version with `dnf install -y <package>-<version>`."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
