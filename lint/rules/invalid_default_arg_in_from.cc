// InvalidDefaultArgInFrom (warning): Default value for ARG results in empty or
// invalid base image name

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
    if (s.base.find('$') == std::string::npos) continue;
    std::vector<std::string> unknown;
    std::string image = Expand(s.base, vars, &unknown);
    bool invalid =
        image.empty() ||
        std::string(":@/").find(image.front()) != std::string::npos ||
        std::string(":@/").find(image.back()) != std::string::npos ||
        image.find("::") != std::string::npos;
    if (invalid) {
      out.Report(s.range.start_line,
                 "Default value for ARG " + s.base +
                     " results in empty or invalid base image name");
    }
  }
}

}  // namespace

const Rule& InvalidDefaultArgInFrom() {
  static const FnRule rule(
      {"InvalidDefaultArgInFrom", Severity::kWarning,
       "Default value for ARG results in empty or invalid base image name"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
