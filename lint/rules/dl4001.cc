// DL4001 (warning): Either use Wget or Curl but not both

#include <set>
#include <string>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// hadolint's src/Hadolint/Rule/DL4001.hs: the tools used so far in the
// stage (reset at FROM); once both were used, every RUN using either is
// reported, the first tool's included. ONBUILD triggers keep a set of their
// own (`onbuild dl4001`), with no FROM to reset it.
void Check(const LintContext& ctx, Reporter& out) {
  std::vector<std::set<std::string>> used(ctx.dockerfile().stages.size() + 1);
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    std::set<std::string>& seen = r.run ? used[r.stage] : used.back();
    bool any = false;
    for (const char* tool : {"curl", "wget"}) {
      if (r.shell->Uses(tool)) {
        seen.insert(tool);
        any = true;
      }
    }
    if (any && seen.size() == 2) out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl4001() {
  static const FnRule rule(
      {"DL4001", Severity::kWarning, "Either use Wget or Curl but not both"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
