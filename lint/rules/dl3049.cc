// DL3049 (info): Label `<label>` is missing.

#include <set>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/labels.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  const auto& schema = ctx.options().label_schema;
  const auto& stages = ctx.dockerfile().stages;
  if (schema.empty() || stages.empty()) return;
  std::set<std::string> present = LabelsOf(ctx, stages.size() - 1);
  for (const auto& [key, type] : schema) {
    if (!present.count(key)) {
      out.Report(stages.back().range.start_line,
                 "Label `" + key + "` is missing.");
    }
  }
}

}  // namespace

const Rule& Dl3049() {
  static const FnRule rule(
      {"DL3049", Severity::kInfo, "Label `<label>` is missing."}, Check);
  return rule;
}

}  // namespace mybuild::lint::rules
