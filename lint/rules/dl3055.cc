// DL3055 (warning): Label `<label>` is not a valid git hash.

#include <cctype>
#include <regex>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/labels.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool Valid(const std::string& v) {
  static const std::regex kHash("^[0-9a-fA-F]{7}$|^[0-9a-fA-F]{40}$");
  return std::regex_match(v, kHash);
}

void Check(const LintContext& ctx, Reporter& out) {
  ForEachSchemaLabel(
      ctx, "hash",
      [&](const std::string& key, const std::string& value, int line) {
        if (!value.empty() && value.find('$') == std::string::npos &&
            !Valid(value)) {
          out.Report(line, "Label `" + key + "` is not a valid git hash.");
        }
      });
}

}  // namespace

const Rule& Dl3055() {
  static const FnRule rule({"DL3055", Severity::kWarning,
                            "Label `<label>` is not a valid git hash."},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
