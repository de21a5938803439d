// NoEmptyContinuation (warning): Empty continuation line

#include <string>
#include <string_view>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  auto check = [&](const frontend::SourceRange& r, bool heredoc) {
    if (heredoc) return;  // blank lines are part of here-doc bodies
    for (int line = r.start_line + 1; line <= r.end_line; ++line) {
      std::string_view text = ctx.lines()[line - 1];
      if (text.find_first_not_of(" \t") == std::string_view::npos) {
        out.Report(r.start_line);
        return;
      }
    }
  };
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    check(s.range, false);
    for (const frontend::Instruction& i : s.instructions) {
      bool heredoc = false;
      if (const auto* r = std::get_if<frontend::RunInstruction>(&i))
        heredoc = !r->heredocs.empty();
      if (const auto* c = std::get_if<frontend::CopyInstruction>(&i))
        heredoc = !c->heredocs.empty();
      check(frontend::RangeOf(i), heredoc);
    }
  }
}

}  // namespace

const Rule& NoEmptyContinuation() {
  static const FnRule rule(
      {"NoEmptyContinuation", Severity::kWarning, "Empty continuation line"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
