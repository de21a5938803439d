// DL3051 (warning): Label `<label>` is empty.

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/labels.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEachSchemaLabel(
      ctx, "", [&](const std::string& key, const std::string& value, int line) {
        if (value.empty()) out.Report(line, "Label `" + key + "` is empty.");
      });
}

}  // namespace

const Rule& Dl3051() {
  static const FnRule rule(
      {"DL3051", Severity::kWarning, "Label `<label>` is empty."}, Check);
  return rule;
}

}  // namespace mybuild::lint::rules
