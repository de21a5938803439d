// DL3006 (warning): Always tag the version of an image explicitly

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  const auto& stages = ctx.dockerfile().stages;
  for (size_t i = 0; i < stages.size(); ++i) {
    const std::string& base = stages[i].base;
    if (base == "scratch" || base.find('$') != std::string::npos ||
        IsEarlierStage(ctx, i, base)) {
      continue;
    }
    ImageRef ref = ParseImageRef(base);
    if (ref.tag.empty() && ref.digest.empty()) {
      out.Report(stages[i].range.start_line);
    }
  }
}

}  // namespace

const Rule& Dl3006() {
  static const FnRule rule({"DL3006", Severity::kWarning,
                            "Always tag the version of an image explicitly"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
