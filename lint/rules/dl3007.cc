// DL3007 (warning): Using latest is prone to errors if the image will ever
// update. Pin the version explicitly to a release tag

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    ImageRef ref = ParseImageRef(s.base);
    if (ref.tag == "latest" && ref.digest.empty())
      out.Report(s.range.start_line);
  }
}

}  // namespace

const Rule& Dl3007() {
  static const FnRule rule(
      {"DL3007", Severity::kWarning,
       "Using latest is prone to errors if the image will ever update. Pin the "
       "version explicitly to a release tag"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
