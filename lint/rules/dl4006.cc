// DL4006 (warning): Set the SHELL option -o pipefail before RUN with a pipe in
// it. If you are using /bin/sh in an alpine image or if your shell is symlinked
// to busybox then consider explicitly setting your SHELL to /bin/ash, or
// disable this check

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, false, [&](const RunScript& r) {
    if (!r.shell->HasPipes() || r.shell->SetsPipefail()) return;
    std::string shell = ctx.ShellName(*r.run);
    bool pipefail = shell.find("pipefail") != std::string::npos;
    if (!pipefail) out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl4006() {
  static const FnRule rule(
      {"DL4006", Severity::kWarning,
       "Set the SHELL option -o pipefail before RUN with a pipe in it. If you "
       "are using /bin/sh in an alpine image or if your shell is symlinked to "
       "busybox then consider explicitly setting your SHELL to /bin/ash, or "
       "disable this check"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
