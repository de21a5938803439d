// DL3032 (warning): `yum clean all` missing after yum command.

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (HasCacheMount(r.run, "/var/cache/yum")) return;
    bool installs = r.shell->AnyCommand([](const shell::Invocation& i) {
      return i.name == "yum" &&
             i.HasAnyArg({"install", "groupinstall", "localinstall"});
    });
    bool cleans = r.shell->AnyCommand([](const shell::Invocation& i) {
      return (i.Is("yum", "clean") && i.HasArg("all")) ||
             (i.name == "rm" && ArgUnder(i, "/var/cache/yum"));
    });
    if (installs && !cleans) out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl3032() {
  static const FnRule rule({"DL3032", Severity::kWarning,
                            "`yum clean all` missing after yum command."},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
