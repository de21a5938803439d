// DL3004 (error): Do not use sudo as it leads to unpredictable behavior. Use a
// tool like gosu to enforce root

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->Uses("sudo")) out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl3004() {
  static const FnRule rule({"DL3004", Severity::kError,
                            "Do not use sudo as it leads to unpredictable "
                            "behavior. Use a tool like gosu to enforce root"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
