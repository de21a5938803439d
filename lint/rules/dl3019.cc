// DL3019 (info): Use the `--no-cache` switch to avoid the need to use
// `--update` and remove `/var/cache/apk/*` when done installing packages

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (HasCacheMount(r.run, "/var/cache/apk")) return;
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          return i.Is("apk", "add") && !i.HasFlag("no-cache");
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3019() {
  static const FnRule rule(
      {"DL3019", Severity::kInfo,
       "Use the `--no-cache` switch to avoid the need to use `--update` and "
       "remove `/var/cache/apk/*` when done installing packages"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
