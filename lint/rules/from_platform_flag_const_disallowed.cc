// FromPlatformFlagConstDisallowed (warning): FROM --platform flag should not
// use a constant value

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    if (s.platform.empty() || s.platform.find('$') != std::string::npos)
      continue;
    out.Report(s.range.start_line,
               "FROM --platform flag should not use constant value \"" +
                   s.platform + "\"");
  }
}

}  // namespace

const Rule& FromPlatformFlagConstDisallowed() {
  static const FnRule rule(
      {"FromPlatformFlagConstDisallowed", Severity::kWarning,
       "FROM --platform flag should not use a constant value"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
