// DL3050 (info): Superfluous label(s) present.

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  if (!ctx.options().strict_labels) return;
  const auto& schema = ctx.options().label_schema;
  ForEach<frontend::LabelInstruction>(
      ctx, [&](const frontend::LabelInstruction& l, size_t) {
        for (const frontend::KeyValue& kv : l.labels) {
          if (!schema.count(Unquote(kv.key))) {
            out.Report(l.range.start_line);
            return;
          }
        }
      });
}

}  // namespace

const Rule& Dl3050() {
  static const FnRule rule(
      {"DL3050", Severity::kInfo, "Superfluous label(s) present."}, Check);
  return rule;
}

}  // namespace mybuild::lint::rules
