// DL3003 (warning): Use WORKDIR to switch to a directory

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// hadolint's src/Hadolint/Rule/DL3003.hs is not wrapped in `onbuild`, so
// ONBUILD RUN triggers are not checked.
void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, false, [&](const RunScript& r) {
    if (r.shell->Uses("cd")) out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl3003() {
  static const FnRule rule(
      {"DL3003", Severity::kWarning, "Use WORKDIR to switch to a directory"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
