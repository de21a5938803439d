// DL3015 (info): Avoid additional packages by specifying
// `--no-install-recommends`

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          return i.Is("apt-get", "install") &&
                 !i.HasFlag("no-install-recommends") &&
                 !i.HasAnyArg({"APT::Install-Recommends=false",
                               "APT::Install-Recommends=0"});
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3015() {
  static const FnRule rule(
      {"DL3015", Severity::kInfo,
       "Avoid additional packages by specifying `--no-install-recommends`"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
