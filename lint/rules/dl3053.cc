// DL3053 (warning): Label `<label>` is not a valid time format - must conform
// to RFC3339.

#include <cctype>
#include <regex>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/labels.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool Valid(const std::string& v) {
  static const std::regex kTime(
      R"(^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$)");
  return std::regex_match(v, kTime);
}

void Check(const LintContext& ctx, Reporter& out) {
  ForEachSchemaLabel(
      ctx, "rfc3339",
      [&](const std::string& key, const std::string& value, int line) {
        if (!value.empty() && value.find('$') == std::string::npos &&
            !Valid(value)) {
          out.Report(
              line,
              "Label `" + key +
                  "` is not a valid time format - must conform to RFC3339.");
        }
      });
}

}  // namespace

const Rule& Dl3053() {
  static const FnRule rule(
      {"DL3053", Severity::kWarning,
       "Label `<label>` is not a valid time format - must conform to RFC3339."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
