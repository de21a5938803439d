// DL3037 (warning): Specify version with `zypper install -y
// <package>=<version>`.

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          // hadolint's src/Hadolint/Rule/DL3037.hs zypperPackages: every
          // non-flag word but "install" and "in" of a zypper with either,
          // wherever it stands (`--root /mnt` gives "/mnt").
          if (i.name != "zypper" || !i.HasAnyArg({"install", "in"})) {
            return false;
          }
          for (const std::string& a : i.ArgsNoFlags()) {
            if (a == "install" || a == "in") continue;
            if (a.find_first_of("=<>") == std::string::npos &&
                !(a.size() >= 4 && a.compare(a.size() - 4, 4, ".rpm") == 0)) {
              return true;
            }
          }
          return false;
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3037() {
  static const FnRule rule(
      {"DL3037", Severity::kWarning,
       "Specify version with `zypper install -y <package>=<version>`."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
