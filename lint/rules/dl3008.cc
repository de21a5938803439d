// DL3008 (warning): Pin versions in apt get install. Instead of `apt-get
// install <package>` use `apt-get install <package>=<version>`

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// hadolint's src/Hadolint/Rule/DL3008.hs is `dl3008 <> onbuild dl3008`:
// ONBUILD RUN triggers are checked too.
void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    for (const shell::Invocation& inv : r.shell->commands()) {
      if (!inv.Is("apt-get", "install")) continue;
      shell::Invocation d = inv.DropFlagArg({"t", "target-release"});
      for (const std::string& arg : d.ArgsNoFlags()) {
        if (arg == "install") continue;
        bool pinned =
            arg.find('=') != std::string::npos ||
            arg.find('/') != std::string::npos ||
            (arg.size() >= 4 && arg.compare(arg.size() - 4, 4, ".deb") == 0);
        if (!pinned) {
          out.Report(r.line);
          return;
        }
      }
    }
  });
}

}  // namespace

const Rule& Dl3008() {
  static const FnRule rule(
      {"DL3008", Severity::kWarning,
       "Pin versions in apt get install. Instead of `apt-get install "
       "<package>` use `apt-get install <package>=<version>`"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
