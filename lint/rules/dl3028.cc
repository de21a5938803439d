// DL3028 (warning): Pin versions in gem install. Instead of `gem install <gem>`
// use `gem install <gem>:<version>`

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          if (!i.Is("gem", "install") || i.HasAnyFlag({"v", "version"})) {
            return false;
          }
          shell::Invocation d =
              i.DropFlagArg({"i", "install-dir", "n", "bindir", "s", "source",
                             "platform", "g", "file"});
          std::vector<std::string> args = d.ArgsNoFlags();
          auto it = std::find(args.begin(), args.end(), "install");
          return std::any_of(std::next(it), args.end(),
                             [](const std::string& p) {
                               return p.find(':') == std::string::npos;
                             });
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3028() {
  static const FnRule rule({"DL3028", Severity::kWarning,
                            "Pin versions in gem install. Instead of `gem "
                            "install <gem>` use `gem install <gem>:<version>`"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
