// DL3029 (warning): Do not use --platform flag with FROM

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    if (s.platform.empty() ||
        s.platform.find("BUILDPLATFORM") != std::string::npos ||
        s.platform.find("TARGETPLATFORM") != std::string::npos) {
      continue;
    }
    out.Report(s.range.start_line);
  }
}

}  // namespace

const Rule& Dl3029() {
  static const FnRule rule(
      {"DL3029", Severity::kWarning, "Do not use --platform flag with FROM"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
