// DL3022 (warning): `COPY --from` should reference a previously defined `FROM`
// alias

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEach<frontend::CopyInstruction>(
      ctx, [&](const frontend::CopyInstruction& c, size_t stage) {
        std::string from = Unquote(c.from);
        if (from.empty() || from.find(':') != std::string::npos ||
            from.find('$') != std::string::npos ||
            IsEarlierStage(ctx, stage, from)) {
          return;
        }
        if (from.find_first_not_of("0123456789") == std::string::npos &&
            from.size() < 6 && std::stoul(from) < stage) {
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
