// DL3056 (warning): Label `<label>` does not conform to semantic versioning.

#include <cctype>
#include <regex>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/labels.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool Valid(const std::string& v) {
  static const std::regex kSemver(
      R"(^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*))"
      R"((-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$)");
  return std::regex_match(v, kSemver);
}

void Check(const LintContext& ctx, Reporter& out) {
  ForEachSchemaLabel(
      ctx, "semver",
      [&](const std::string& key, const std::string& value, int line) {
        if (!value.empty() && value.find('$') == std::string::npos &&
            !Valid(value)) {
          out.Report(line, "Label `" + key +
                               "` does not conform to semantic versioning.");
        }
      });
}

}  // namespace

const Rule& Dl3056() {
  static const FnRule rule(
      {"DL3056", Severity::kWarning,
       "Label `<label>` does not conform to semantic versioning."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
