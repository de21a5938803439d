// DL3021 (error): COPY with more than 2 arguments requires the last argument to
// end with /

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEach<frontend::CopyInstruction>(
      ctx, [&](const frontend::CopyInstruction& c, size_t) {
        if (c.is_add) return;
        std::string dest = Unquote(c.dest);
        if (c.sources.size() + c.heredocs.size() > 1 &&
            (dest.empty() || dest.back() != '/')) {
          out.Report(c.range.start_line);
        }
      });
}

}  // namespace

const Rule& Dl3021() {
  static const FnRule rule({"DL3021", Severity::kError,
                            "COPY with more than 2 arguments requires the last "
                            "argument to end with /"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
