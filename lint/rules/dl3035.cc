// DL3035 (warning): Do not use `zypper dist-upgrade`.

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          return i.name == "zypper" && i.HasAnyArg({"dist-upgrade", "dup"});
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3035() {
  static const FnRule rule(
      {"DL3035", Severity::kWarning, "Do not use `zypper dist-upgrade`."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
