// DL3046 (warning): `useradd` without flag `-l` and high UID will result in
// excessively large Image.

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          if (i.name != "useradd" || i.HasAnyFlag({"l", "no-log-init"}))
            return false;
          for (size_t k = 0; k < i.args.size(); ++k) {
            std::string uid;
            if ((i.args[k] == "-u" || i.args[k] == "--uid") &&
                k + 1 < i.args.size()) {
              uid = i.args[k + 1];
            } else if (i.args[k].rfind("--uid=", 0) == 0) {
              uid = i.args[k].substr(6);
            }
            if (uid.size() > 5 &&
                uid.find_first_not_of("0123456789") == std::string::npos) {
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

const Rule& Dl3046() {
  static const FnRule rule({"DL3046", Severity::kWarning,
                            "`useradd` without flag `-l` and high UID will "
                            "result in excessively large Image."},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
