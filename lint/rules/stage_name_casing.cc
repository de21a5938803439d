// StageNameCasing (warning): Stage names should be lowercase

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

std::string LastWord(const std::string& s) {
  size_t end = s.find_last_not_of(" \t");
  if (end == std::string::npos) return "";
  size_t start = s.find_last_of(" \t", end);
  return s.substr(start == std::string::npos ? 0 : start + 1,
                  end - (start == std::string::npos ? 0 : start + 1) + 1);
}

void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    if (s.name.empty()) continue;
    std::string as_written = LastWord(s.original);
    if (as_written != s.name) {
      out.Report(s.range.start_line,
                 "Stage name '" + as_written + "' should be lowercase");
    }
  }
}

}  // namespace

const Rule& StageNameCasing() {
  static const FnRule rule({"StageNameCasing", Severity::kWarning,
                            "Stage names should be lowercase"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
