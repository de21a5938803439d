// DL3052 (warning): Label `<label>` is not a valid URL.

#include <cctype>
#include <regex>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/labels.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool Valid(const std::string& v) {
  static const std::regex kUrl(
      R"(^[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+[^\s]*$)");
  return std::regex_match(v, kUrl);
}

void Check(const LintContext& ctx, Reporter& out) {
  ForEachSchemaLabel(
      ctx, "url",
      [&](const std::string& key, const std::string& value, int line) {
        if (!value.empty() && value.find('$') == std::string::npos &&
            !Valid(value)) {
          out.Report(line, "Label `" + key + "` is not a valid URL.");
        }
      });
}

}  // namespace

const Rule& Dl3052() {
  static const FnRule rule(
      {"DL3052", Severity::kWarning, "Label `<label>` is not a valid URL."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
