// DL3023 (error): `COPY --from` cannot reference its own `FROM` alias

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// hadolint's src/Hadolint/Rule/DL3023.hs (aliasMustBe): the alias as
// written, compared exactly.
void Check(const LintContext& ctx, Reporter& out) {
  ForEach<frontend::CopyInstruction>(
      ctx, [&](const frontend::CopyInstruction& c, size_t stage) {
        std::string own = StageNameAsWritten(ctx.dockerfile().stages[stage]);
        if (!c.from.empty() && c.from == own) out.Report(c.range.start_line);
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
