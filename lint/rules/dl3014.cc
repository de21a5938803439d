// DL3014 (warning): Use the `-y` switch to avoid manual input `apt-get -y
// install <package>`

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool AssumesYes(const shell::Invocation& i) {
  if (i.HasAnyFlag({"y", "yes", "assume-yes"})) return true;
  int quiet = 0;
  for (const shell::Flag& f : i.flags)
    quiet += f.name == "q" || f.name == "quiet";
  return quiet >= 2 || i.HasAnyArg({"-q=2", "--quiet=2"});
}

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          return i.Is("apt-get", "install") && !AssumesYes(i);
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3014() {
  static const FnRule rule({"DL3014", Severity::kWarning,
                            "Use the `-y` switch to avoid manual input "
                            "`apt-get -y install <package>`"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
