// DL3025 (warning): Use arguments JSON notation for CMD and ENTRYPOINT
// arguments

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  for (const Located& l : ctx.instructions()) {
    if (const auto* c = std::get_if<frontend::CmdInstruction>(l.instruction)) {
      if (!c->json_form) out.Report(c->range.start_line);
    } else if (const auto* e = std::get_if<frontend::EntrypointInstruction>(
                   l.instruction)) {
      if (!e->json_form) out.Report(e->range.start_line);
    } else if (const auto* h = std::get_if<frontend::HealthcheckInstruction>(
                   l.instruction)) {
      // hadolint's DL3025.hs: HEALTHCHECK CMD in shell form too.
      if (!h->test.empty() && h->test[0] == "CMD-SHELL") {
        out.Report(h->range.start_line);
      }
    }
  }
}

}  // namespace

const Rule& Dl3025() {
  static const FnRule rule(
      {"DL3025", Severity::kWarning,
       "Use arguments JSON notation for CMD and ENTRYPOINT arguments"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
