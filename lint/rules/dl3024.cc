// DL3024 (error): FROM aliases (stage names) must be unique
//
// As hadolint, aliases are compared as written: `AS build` and `AS Build`
// differ here (StageNameCasing reports the second), though a build treats
// them as the same name. A build refuses duplicates; the linter parses
// leniently so that this rule can report them.

#include <set>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  std::set<std::string> seen;
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    if (s.name.empty()) continue;
    if (!seen.insert(StageNameAsWritten(s)).second) {
      out.Report(s.range.start_line);
    }
  }
}

}  // namespace

const Rule& Dl3024() {
  static const FnRule rule(
      {"DL3024", Severity::kError, "FROM aliases (stage names) must be unique"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
