// DL3020 (error): Use COPY instead of ADD for files and folders

#include <string>
#include <string_view>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool IsArchive(std::string_view path) {
  static constexpr std::string_view kExts[] = {
      ".tar",  ".Z",   ".bz2", ".gz",  ".lz",  ".lzma", ".tZ",  ".tb2", ".tbz",
      ".tbz2", ".tgz", ".tlz", ".tpz", ".txz", ".xz",   ".zst", ".tzst"};
  for (std::string_view e : kExts) {
    if (path.size() > e.size() &&
        path.compare(path.size() - e.size(), e.size(), e) == 0) {
      return true;
    }
  }
  return false;
}

void Check(const LintContext& ctx, Reporter& out) {
  ForEach<frontend::CopyInstruction>(
      ctx, [&](const frontend::CopyInstruction& c, size_t) {
        if (!c.is_add) return;
        for (const std::string& src : c.sources) {
          std::string s = Unquote(src);
          if (s.find("://") == std::string::npos && s.rfind("git@", 0) != 0 &&
              !IsArchive(s)) {
            out.Report(c.range.start_line);
            return;
          }
        }
      });
}

}  // namespace

const Rule& Dl3020() {
  static const FnRule rule({"DL3020", Severity::kError,
                            "Use COPY instead of ADD for files and folders"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
