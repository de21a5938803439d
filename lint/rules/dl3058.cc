// DL3058 (warning): Label `<label>` is not a valid email format - must conform
// to RFC5322.

#include <cctype>
#include <regex>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/labels.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool Valid(const std::string& v) {
  static const std::regex kMail(R"(^[^@\s<>()]+@[^@\s<>()]+\.[^@\s<>()]+$)");
  return std::regex_match(v, kMail);
}

void Check(const LintContext& ctx, Reporter& out) {
  ForEachSchemaLabel(
      ctx, "email",
      [&](const std::string& key, const std::string& value, int line) {
        if (!value.empty() && value.find('$') == std::string::npos &&
            !Valid(value)) {
          out.Report(
              line,
              "Label `" + key +
                  "` is not a valid email format - must conform to RFC5322.");
        }
      });
}

}  // namespace

const Rule& Dl3058() {
  static const FnRule rule({"DL3058", Severity::kWarning,
                            "Label `<label>` is not a valid email format - "
                            "must conform to RFC5322."},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
