// CopyIgnoredFile (warning): Attempting to copy a file that is excluded by
// .dockerignore

#include <string>

#include "frontend/ignore/clean_path.h"
#include "frontend/ignore/matcher.h"
#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

void Check(const LintContext& ctx, Reporter& out) {
  const frontend::ignore::Matcher* ignore = ctx.options().dockerignore;
  if (ignore == nullptr) return;
  ForEach<frontend::CopyInstruction>(
      ctx, [&](const frontend::CopyInstruction& c, size_t) {
        if (!c.from.empty()) return;
        for (const std::string& src : c.sources) {
          std::string s = Unquote(src);
          if (s.find_first_of("$*?[") != std::string::npos ||
              s.find("://") != std::string::npos) {
            continue;
          }
          while (!s.empty() && s[0] == '/') s.erase(0, 1);
          std::string path = frontend::ignore::CleanPath(s);
          if (!ignore->Excluded(path)) continue;
          out.Report(c.range.start_line,
                     std::string("Attempting to ") +
                         (c.is_add ? "Add" : "Copy") + " file \"" + s +
                         "\" that is excluded by .dockerignore");
        }
      });
}

}  // namespace

const Rule& CopyIgnoredFile() {
  static const FnRule rule(
      {"CopyIgnoredFile", Severity::kWarning,
       "Attempting to copy a file that is excluded by .dockerignore"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
