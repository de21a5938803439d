// DL3027 (warning): Do not use apt as it is meant to be an end-user tool, use
// apt-get or apt-cache instead

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->Uses("apt")) out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl3027() {
  static const FnRule rule({"DL3027", Severity::kWarning,
                            "Do not use apt as it is meant to be an end-user "
                            "tool, use apt-get or apt-cache instead"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
