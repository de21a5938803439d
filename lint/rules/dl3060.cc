// DL3060 (info): `yarn cache clean` missing after `yarn install` was run.

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (HasCacheMount(r.run, "/usr/local/share/.cache/yarn") ||
        HasCacheMount(r.run, "/root/.cache/yarn") ||
        HasCacheMount(r.run, "/root/.yarn")) {
      return;
    }
    bool installs = r.shell->AnyCommand(
        [](const shell::Invocation& i) { return i.Is("yarn", "install"); });
    bool cleans = r.shell->AnyCommand([](const shell::Invocation& i) {
      return i.Is("yarn", "cache") && i.HasArg("clean");
    });
    if (installs && !cleans) out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl3060() {
  static const FnRule rule(
      {"DL3060", Severity::kInfo,
       "`yarn cache clean` missing after `yarn install` was run."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
