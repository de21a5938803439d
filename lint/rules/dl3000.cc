// DL3000 (error): Use absolute WORKDIR

#include <cctype>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  ForEach<frontend::WorkdirInstruction>(
      ctx, [&](const frontend::WorkdirInstruction& w, size_t) {
        std::string p = Unquote(w.path);
        bool absolute =
            p.empty() || p[0] == '/' || p[0] == '$' || p[0] == '\\' ||
            (p.size() >= 2 && std::isalpha(static_cast<unsigned char>(p[0])) &&
             p[1] == ':');
        if (!absolute) out.Report(w.range.start_line);
      });
}

}  // namespace

const Rule& Dl3000() {
  static const FnRule rule({"DL3000", Severity::kError, "Use absolute WORKDIR"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
