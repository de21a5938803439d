// DL4000 (error): MAINTAINER is deprecated

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEach<frontend::MaintainerInstruction>(
      ctx, [&](const frontend::MaintainerInstruction& m, size_t) {
        out.Report(m.range.start_line);
      });
}

}  // namespace

const Rule& Dl4000() {
  static const FnRule rule(
      {"DL4000", Severity::kError, "MAINTAINER is deprecated"}, Check);
  return rule;
}

}  // namespace mybuild::lint::rules
