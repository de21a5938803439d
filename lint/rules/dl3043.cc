// DL3043 (error): `ONBUILD`, `FROM` or `MAINTAINER` triggered from within
// `ONBUILD` instruction.
//
// A build refuses these triggers; the linter parses leniently so that this
// rule can report them, before the first FROM too.

#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void CheckOne(const frontend::Instruction& i, Reporter& out) {
  const auto* ob = std::get_if<frontend::OnbuildInstruction>(&i);
  if (ob == nullptr) return;
  if (ob->trigger == "ONBUILD" || ob->trigger == "FROM" ||
      ob->trigger == "MAINTAINER") {
    out.Report(ob->range.start_line);
  }
}

void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Instruction& i : ctx.dockerfile().before_first_from) {
    CheckOne(i, out);
  }
  for (const Located& l : ctx.instructions()) CheckOne(*l.instruction, out);
}

}  // namespace

const Rule& Dl3043() {
  static const FnRule rule(
      {"DL3043", Severity::kError,
       "`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` "
       "instruction."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
