// DL3002 (warning): Last USER should not be root

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// hadolint's src/Hadolint/Rule/DL3002.hs keeps the last USER of every
// stage (rememberLine/forgetStage keyed by the FROM line) and reports each
// that is root, in every stage, not only the final one.
void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Stage& stage : ctx.dockerfile().stages) {
    const frontend::UserInstruction* last = nullptr;
    for (const frontend::Instruction& i : stage.instructions) {
      if (const auto* u = std::get_if<frontend::UserInstruction>(&i)) last = u;
    }
    if (last == nullptr) continue;
    std::string user = last->user.substr(0, last->user.find(':'));
    if (user == "root" || user == "0") out.Report(last->range.start_line);
  }
}

}  // namespace

const Rule& Dl3002() {
  static const FnRule rule(
      {"DL3002", Severity::kWarning, "Last USER should not be root"}, Check);
  return rule;
}

}  // namespace mybuild::lint::rules
