// DL3018 (warning): Pin versions in apk add. Instead of `apk add <package>` use
// `apk add <package>=<version>`

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          if (!i.Is("apk", "add")) return false;
          shell::Invocation d =
              i.DropFlagArg({"t", "virtual", "repository", "X"});
          for (const std::string& p : d.ArgsNoFlags()) {
            if (p == "add") continue;
            bool pinned =
                p.find('=') != std::string::npos ||
                (p.size() > 4 && p.compare(p.size() - 4, 4, ".apk") == 0);
            if (!pinned) return true;
          }
          return false;
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3018() {
  static const FnRule rule({"DL3018", Severity::kWarning,
                            "Pin versions in apk add. Instead of `apk add "
                            "<package>` use `apk add <package>=<version>`"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
