// DL3062 (warning): Pin versions in go install. Instead of `go install
// <package>` use `go install <package>@<version>`

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
          if (!i.Is("go", "install")) return false;
          std::vector<std::string> args = i.ArgsNoFlags();
          auto it = std::find(args.begin(), args.end(), "install");
          return std::any_of(
              std::next(it), args.end(), [](const std::string& p) {
                return p.find('@') == std::string::npos && p != "." &&
                       p.rfind("./", 0) != 0 && p.rfind("../", 0) != 0;
              });
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3062() {
  static const FnRule rule(
      {"DL3062", Severity::kWarning,
       "Pin versions in go install. Instead of `go install <package>` use `go "
       "install <package>@<version>`"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
