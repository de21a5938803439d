// DL3065 (warning): Setting `FROM --platform` to predefined `$TARGETPLATFORM`
// in is redundant as this is the default behavior

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    if (s.platform == "$TARGETPLATFORM" || s.platform == "${TARGETPLATFORM}") {
      out.Report(s.range.start_line);
    }
  }
}

}  // namespace

const Rule& Dl3065() {
  static const FnRule rule(
      {"DL3065", Severity::kWarning,
       "Setting `FROM --platform` to predefined `$TARGETPLATFORM` in is "
       "redundant as this is the default behavior"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
