// UndefinedArgInFrom (warning): FROM argument is not declared

#include <map>
#include <string>
#include <vector>

#include "lint/rules/args.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  std::map<std::string, std::string> vars = GlobalArgs(ctx);
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    std::vector<std::string> unknown;
    Expand(s.base + " " + s.platform, vars, &unknown);
    for (const std::string& name : unknown) {
      if (name.empty() || IsPlatformArg(name)) continue;
      out.Report(s.range.start_line,
                 "FROM argument '" + name + "' is not declared");
    }
  }
}

}  // namespace

const Rule& UndefinedArgInFrom() {
  static const FnRule rule({"UndefinedArgInFrom", Severity::kWarning,
                            "FROM argument is not declared"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
