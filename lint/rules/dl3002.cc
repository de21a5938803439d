// DL3002 (warning): Last USER should not be root

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  const auto& stages = ctx.dockerfile().stages;
  if (stages.empty()) return;
  const frontend::UserInstruction* last = nullptr;
  for (const frontend::Instruction& i : stages.back().instructions) {
    if (const auto* u = std::get_if<frontend::UserInstruction>(&i)) last = u;
  }
  if (last == nullptr) return;
  std::string user = Unquote(last->user);
  user = user.substr(0, user.find(':'));
  if (user == "root" || user == "0") out.Report(last->range.start_line);
}

}  // namespace

const Rule& Dl3002() {
  static const FnRule rule(
      {"DL3002", Severity::kWarning, "Last USER should not be root"}, Check);
  return rule;
}

}  // namespace mybuild::lint::rules
