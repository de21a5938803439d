// DL3010 (info): Use ADD for extracting archives into an image

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

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

bool Extracts(const shell::Invocation& i) {
  if (i.name == "tar") {
    if (i.HasAnyFlag({"x", "extract", "get"})) return true;
    return !i.args.empty() && i.args[0].find('x') != std::string::npos &&
           i.args[0][0] != '-';
  }
  if (i.name == "unzip" || i.name == "gunzip" || i.name == "bunzip2" ||
      i.name == "unxz" || i.name == "unlzma" || i.name == "uncompress" ||
      i.name == "unzstd") {
    return true;
  }
  return (i.name == "gzip" || i.name == "bzip2" || i.name == "xz" ||
          i.name == "zstd") &&
         i.HasAnyFlag({"d", "decompress"});
}

void Check(const LintContext& ctx, Reporter& out) {
  // COPY of an archive that a later RUN of the same stage extracts.
  struct Copied {
    int line;
    size_t stage;
    std::string base;
    bool reported;
  };
  std::vector<Copied> copied;
  for (const Located& l : ctx.instructions()) {
    if (const auto* c = std::get_if<frontend::CopyInstruction>(l.instruction)) {
      if (c->is_add || !c->from.empty()) continue;
      for (const std::string& src : c->sources) {
        std::string s = Unquote(src);
        if (!IsArchive(s)) continue;
        copied.push_back({c->range.start_line, l.stage,
                          s.substr(s.find_last_of('/') + 1), false});
      }
      continue;
    }
    const auto* run = std::get_if<frontend::RunInstruction>(l.instruction);
    const shell::ParsedShell* sh = run ? ctx.Shell(*run) : nullptr;
    if (sh == nullptr) continue;
    for (Copied& c : copied) {
      if (c.reported || c.stage != l.stage) continue;
      if (sh->AnyCommand([&](const shell::Invocation& i) {
            return Extracts(i) &&
                   std::any_of(i.args.begin(), i.args.end(),
                               [&](const std::string& a) {
                                 return a.size() >= c.base.size() &&
                                        a.compare(a.size() - c.base.size(),
                                                  c.base.size(), c.base) == 0;
                               });
          })) {
        c.reported = true;
        out.Report(c.line);
      }
    }
  }
}

}  // namespace

const Rule& Dl3010() {
  static const FnRule rule({"DL3010", Severity::kInfo,
                            "Use ADD for extracting archives into an image"},
                           Check);
  return rule;
}

}  // namespace mybuild::lint::rules
