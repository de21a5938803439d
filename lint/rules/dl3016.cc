// DL3016 (warning): Pin versions in npm. Instead of `npm install <package>` use
// `npm install <package>@<version>`

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool StartsWith(const std::string& s, std::string_view p) {
  return s.compare(0, p.size(), p) == 0;
}

bool Pinned(const std::string& p) {
  for (std::string_view g :
       {"git://", "git+ssh://", "git+http://", "git+https://"}) {
    if (StartsWith(p, g)) return p.find('#') != std::string::npos;
  }
  for (std::string_view t : {".tar", ".tar.gz", ".tgz"}) {
    if (p.size() >= t.size() &&
        p.compare(p.size() - t.size(), t.size(), t) == 0) {
      return true;
    }
  }
  for (std::string_view d : {"/", "./", "../", "~/"}) {
    if (StartsWith(p, d)) return true;
  }
  std::string name = p;
  if (StartsWith(name, "@"))
    name = name.substr(std::min(name.size(), name.find('/')));
  return name.find('@') != std::string::npos;
}

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          if (!i.Is("npm", "install")) return false;
          std::vector<std::string> args = i.ArgsNoFlags();
          if (args.empty() || args[0] != "install") return false;
          return std::any_of(args.begin() + 1, args.end(),
                             [](const std::string& p) { return !Pinned(p); });
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3016() {
  static const FnRule rule({"DL3016", Severity::kWarning,
                            "Pin versions in npm. Instead of `npm install "
                            "<package>` use `npm install <package>@<version>`"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
