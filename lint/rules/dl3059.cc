// DL3059 (info): Multiple consecutive `RUN` instructions. Consider
// consolidation.

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// The leading `--flag` words of a RUN line, which must match for two RUNs
// to be merged.
std::string FlagsOf(const std::string& original) {
  std::string flags;
  size_t pos = original.find_first_of(" \t");
  while (pos != std::string::npos) {
    pos = original.find_first_not_of(" \t", pos);
    if (pos == std::string::npos || original.compare(pos, 2, "--") != 0) break;
    size_t end = original.find_first_of(" \t", pos);
    flags += original.substr(pos, end - pos) + " ";
    pos = end;
  }
  return flags;
}

void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Stage& s : ctx.dockerfile().stages) {
    const frontend::RunInstruction* prev = nullptr;
    for (const frontend::Instruction& i : s.instructions) {
      const auto* run = std::get_if<frontend::RunInstruction>(&i);
      if (run && prev && FlagsOf(run->original) == FlagsOf(prev->original)) {
        out.Report(run->range.start_line);
      }
      prev = run;
    }
  }
}

}  // namespace

const Rule& Dl3059() {
  static const FnRule rule(
      {"DL3059", Severity::kInfo,
       "Multiple consecutive `RUN` instructions. Consider consolidation."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
