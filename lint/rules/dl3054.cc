// DL3054 (warning): Label `<label>` is not a valid SPDX license identifier.

#include <cctype>
#include <regex>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/labels.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool Valid(const std::string& v) {
  // An SPDX expression: identifiers (letters, digits, '.', '-', '+'),
  // LicenseRef-/DocumentRef- ids, joined by AND, OR, WITH and parentheses.
  static const std::regex kExpr(
      R"(^\(?[A-Za-z0-9.+-]+\)?( (AND|OR|WITH) \(?[A-Za-z0-9.+-]+\)?)*$)");
  return std::regex_match(v, kExpr);
}

void Check(const LintContext& ctx, Reporter& out) {
  ForEachSchemaLabel(
      ctx, "spdx",
      [&](const std::string& key, const std::string& value, int line) {
        if (!value.empty() && value.find('$') == std::string::npos &&
            !Valid(value)) {
          out.Report(line, "Label `" + key +
                               "` is not a valid SPDX license identifier.");
        }
      });
}

}  // namespace

const Rule& Dl3054() {
  static const FnRule rule(
      {"DL3054", Severity::kWarning,
       "Label `<label>` is not a valid SPDX license identifier."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
