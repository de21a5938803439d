// WorkdirRelativePath (warning): Relative workdir can have unexpected results
// if the base image changes

#include <string>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  std::vector<bool> has_workdir(ctx.dockerfile().stages.size(), false);
  ForEach<frontend::WorkdirInstruction>(
      ctx, [&](const frontend::WorkdirInstruction& w, size_t stage) {
        std::string p = Unquote(w.path);
        bool absolute =
            !p.empty() && (p[0] == '/' || p[0] == '$' || p[0] == '\\' ||
                           (p.size() > 1 && p[1] == ':'));
        if (!absolute && !has_workdir[stage]) {
          out.Report(
              w.range.start_line,
              "Relative workdir \"" + p +
                  "\" can have unexpected results if the base image changes");
        }
        has_workdir[stage] = true;
      });
}

}  // namespace

const Rule& WorkdirRelativePath() {
  static const FnRule rule({"WorkdirRelativePath", Severity::kWarning,
                            "Relative workdir can have unexpected results if "
                            "the base image changes"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
