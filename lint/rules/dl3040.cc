// DL3040 (warning): `dnf clean all` missing after dnf command.

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (HasCacheMount(r.run, "/var/cache/dnf") ||
        HasCacheMount(r.run, "/var/cache/libdnf5"))
      return;
    bool installs = r.shell->AnyCommand([](const shell::Invocation& i) {
      return (i.name == "dnf" || i.name == "microdnf") &&
             i.HasAnyArg({"install", "groupinstall", "localinstall"});
    });
    bool cleans = r.shell->AnyCommand([](const shell::Invocation& i) {
      return ((i.name == "dnf" || i.name == "microdnf") && i.HasArg("clean") &&
              i.HasArg("all")) ||
             (i.name == "rm" &&
              (ArgUnder(i, "/var/cache/dnf") || ArgUnder(i, "/var/cache/yum")));
    });
    if (installs && !cleans) out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl3040() {
  static const FnRule rule({"DL3040", Severity::kWarning,
                            "`dnf clean all` missing after dnf command."},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
