// DL3061 (error): Invalid instruction order. Dockerfile must begin with
// `FROM`, `ARG` or comment.
//
// Fires on every instruction other than ARG before the first FROM (a file
// without FROM included). A build refuses them; the linter parses leniently
// and keeps them in Dockerfile::before_first_from.

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Instruction& i : ctx.dockerfile().before_first_from) {
    out.Report(frontend::RangeOf(i).start_line);
  }
}

}  // namespace

const Rule& Dl3061() {
  static const FnRule rule(
      {"DL3061", Severity::kError,
       "Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` "
       "or comment."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
