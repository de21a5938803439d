// DL3023 (error): `COPY --from` cannot reference its own `FROM` alias

#include <cctype>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEach<frontend::CopyInstruction>(
      ctx, [&](const frontend::CopyInstruction& c, size_t stage) {
        std::string from = Unquote(c.from);
        for (char& ch : from) ch = static_cast<char>(std::tolower(ch));
        const std::string& own = ctx.dockerfile().stages[stage].name;
        if (!from.empty() && from == own) out.Report(c.range.start_line);
      });
}

}  // namespace

const Rule& Dl3023() {
  static const FnRule rule(
      {"DL3023", Severity::kError,
       "`COPY --from` cannot reference its own `FROM` alias"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
