// DL3001 (info): For some bash commands it makes no sense running them in a
// Docker container like `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`,
// `top`, `kill`, `mount`, `ifconfig`

#include <set>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  static const std::set<std::string> kNames = {
      "free",     "kill", "mount", "ps",  "service",
      "shutdown", "ssh",  "top",   "vim", "ifconfig"};
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (r.shell->AnyCommand([](const shell::Invocation& i) {
          return kNames.count(i.name) > 0;
        })) {
      out.Report(r.line);
    }
  });
}

}  // namespace

const Rule& Dl3001() {
  static const FnRule rule(
      {"DL3001", Severity::kInfo,
       "For some bash commands it makes no sense running them in a Docker "
       "container like `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, "
       "`top`, `kill`, `mount`, `ifconfig`"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
