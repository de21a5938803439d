// DL3030 (warning): Use the -y switch to avoid manual input `yum install -y
// <package>`

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          return i.name == "yum" &&
                 i.HasAnyArg({"install", "groupinstall", "localinstall"}) &&
                 !i.HasAnyFlag({"y", "assumeyes"});
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3030() {
  static const FnRule rule(
      {"DL3030", Severity::kWarning,
       "Use the -y switch to avoid manual input `yum install -y <package>`"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
