// DL3066 (info): Non-numeric user-id may not be resolvable by host system

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEach<frontend::UserInstruction>(
      ctx, [&](const frontend::UserInstruction& u, size_t) {
        std::string user = Unquote(u.user);
        user = user.substr(0, user.find(':'));
        if (user.find_first_not_of("0123456789") != std::string::npos) {
          out.Report(u.range.start_line);
        }
      });
}

}  // namespace

const Rule& Dl3066() {
  static const FnRule rule(
      {"DL3066", Severity::kInfo,
       "Non-numeric user-id may not be resolvable by host system"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
