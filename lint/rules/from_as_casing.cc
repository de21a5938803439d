// FromAsCasing (warning): 'as' and 'FROM' keywords' casing do not match

#include <cctype>
#include <string>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = s.find_first_not_of(" \t", pos)) != std::string::npos) {
    size_t end = s.find_first_of(" \t", pos);
    out.push_back(s.substr(pos, end == std::string::npos ? end : end - pos));
    pos = end;
  }
  return out;
}

void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    std::vector<std::string> words = Words(s.original);
    if (words.empty()) continue;
    const std::string& from = words[0];
    for (size_t i = 1; i + 1 < words.size(); ++i) {
      std::string lower = words[i];
      for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower != "as") continue;
      bool from_upper = from == "FROM", as_upper = words[i] == "AS";
      bool from_lower = from == "from", as_lower = words[i] == "as";
      if ((from_upper && !as_upper) || (from_lower && !as_lower)) {
        out.Report(s.range.start_line, "'" + words[i] + "' and '" + from +
                                           "' keywords' casing do not match");
      }
      break;
    }
  }
}

}  // namespace

const Rule& FromAsCasing() {
  static const FnRule rule({"FromAsCasing", Severity::kWarning,
                            "'as' and 'FROM' keywords' casing do not match"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
