// DL3067 (warning): Do not copy an entire filesystem from another stage

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEach<frontend::CopyInstruction>(
      ctx, [&](const frontend::CopyInstruction& c, size_t) {
        if (c.from.empty() || Unquote(c.dest) != "/") return;
        for (const std::string& s : c.sources) {
          if (Unquote(s) == "/") {
            out.Report(c.range.start_line);
            return;
          }
        }
      });
}

}  // namespace

const Rule& Dl3067() {
  static const FnRule rule(
      {"DL3067", Severity::kWarning,
       "Do not copy an entire filesystem from another stage"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
