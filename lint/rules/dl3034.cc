// DL3034 (warning): Non-interactive switch missing from `zypper` command:
// `zypper install -y`

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          return i.name == "zypper" &&
                 i.HasAnyArg({"install", "in", "remove", "rm", "source-install",
                              "si", "patch"}) &&
                 !i.HasAnyFlag({"n", "non-interactive", "y", "no-confirm"});
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3034() {
  static const FnRule rule({"DL3034", Severity::kWarning,
                            "Non-interactive switch missing from `zypper` "
                            "command: `zypper install -y`"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
