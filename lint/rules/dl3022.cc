// DL3022 (warning): `COPY --from` should reference a previously defined `FROM`
// alias

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// hadolint's src/Hadolint/Rule/DL3022.hs: the aliases and the stage count
// include the COPY's own stage (a COPY from it is DL3023's), aliases match
// as written, and a number counts by its leading digits (Read.decimal).
void Check(const LintContext& ctx, Reporter& out) {
  const auto& stages = ctx.dockerfile().stages;
  ForEach<frontend::CopyInstruction>(
      ctx, [&](const frontend::CopyInstruction& c, size_t stage) {
        const std::string& from = c.from;
        if (from.empty() || Unquote(from).find(':') != std::string::npos) {
          return;
        }
        for (size_t s = 0; s <= stage && s < stages.size(); ++s) {
          if (StageNameAsWritten(stages[s]) == from) return;
        }
        size_t digits = from.find_first_not_of("0123456789");
        if (digits == std::string::npos) digits = from.size();
        if (digits > 0 && digits <= 9 &&
            std::stoul(from.substr(0, digits)) <= stage) {
          return;
        }
        out.Report(c.range.start_line);
      });
}

}  // namespace

const Rule& Dl3022() {
  static const FnRule rule(
      {"DL3022", Severity::kWarning,
       "`COPY --from` should reference a previously defined `FROM` alias"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
