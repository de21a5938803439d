// DL3045 (warning): `COPY` to a relative destination without `WORKDIR` set.

#include <string>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  const auto& stages = ctx.dockerfile().stages;
  std::vector<bool> has_workdir(stages.size(), false);
  for (const Located& l : ctx.instructions()) {
    if (std::holds_alternative<frontend::WorkdirInstruction>(*l.instruction)) {
      has_workdir[l.stage] = true;
      continue;
    }
    const auto* c = std::get_if<frontend::CopyInstruction>(l.instruction);
    if (c == nullptr || c->is_add || has_workdir[l.stage]) continue;
    // A stage built on an earlier stage inherits its WORKDIR.
    bool inherited = false;
    for (size_t s = 0; s < l.stage; ++s) {
      if (!stages[s].name.empty() && stages[s].name == stages[l.stage].base &&
          has_workdir[s]) {
        inherited = true;
      }
    }
    std::string dest = Unquote(c->dest);
    bool absolute =
        !dest.empty() && (dest[0] == '/' || dest[0] == '$' || dest[0] == '\\' ||
                          (dest.size() > 1 && dest[1] == ':'));
    if (!inherited && !absolute) out.Report(c->range.start_line);
  }
}

}  // namespace

const Rule& Dl3045() {
  static const FnRule rule(
      {"DL3045", Severity::kWarning,
       "`COPY` to a relative destination without `WORKDIR` set."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
