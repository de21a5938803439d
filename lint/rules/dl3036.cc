// DL3036 (warning): `zypper clean` missing after zypper use.

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (HasCacheMount(r.run, "/var/cache/zypp")) return;
    bool installs = r.shell->AnyCommand([](const shell::Invocation& i) {
      return i.name == "zypper" && i.HasAnyArg({"install", "in"});
    });
    bool cleans = r.shell->AnyCommand([](const shell::Invocation& i) {
      return i.name == "zypper" && i.HasAnyArg({"clean", "cc"});
    });
    if (installs && !cleans) out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl3036() {
  static const FnRule rule({"DL3036", Severity::kWarning,
                            "`zypper clean` missing after zypper use."},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
