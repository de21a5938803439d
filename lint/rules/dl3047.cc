// DL3047 (info): Avoid use of wget without progress bar. Use `wget
// --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for
// `--quiet` or `--no-verbose`).

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          return i.name == "wget" &&
                 !i.HasAnyFlag({"progress", "q", "quiet", "no-verbose", "o",
                                "output-file", "a", "append-output"}) &&
                 !i.HasArg("-nv");
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3047() {
  static const FnRule rule(
      {"DL3047", Severity::kInfo,
       "Avoid use of wget without progress bar. Use `wget --progress=dot:giga "
       "<url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or "
       "`--no-verbose`)."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
