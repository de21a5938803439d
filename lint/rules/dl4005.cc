// DL4005 (warning): Use SHELL to change the default shell

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand(
            [](const shell::Invocation& i) { return i.Is("ln", "/bin/sh"); })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl4005() {
  static const FnRule rule(
      {"DL4005", Severity::kWarning, "Use SHELL to change the default shell"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
