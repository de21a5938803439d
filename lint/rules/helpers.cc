#include "lint/rules/helpers.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>

namespace mybuild::lint::rules {

void ForEachRunScript(const LintContext& ctx, bool onbuild,
                      const std::function<void(const RunScript&)>& fn) {
  ForEach<frontend::RunInstruction>(
      ctx, [&](const frontend::RunInstruction& run, size_t stage) {
        const shell::ParsedShell* sh = ctx.Shell(run);
        if (sh) fn(RunScript{&run, sh, run.range.start_line, stage});
      });
  if (!onbuild) return;
  ForEach<frontend::OnbuildInstruction>(
      ctx, [&](const frontend::OnbuildInstruction& ob, size_t stage) {
        if (ob.trigger != "RUN") return;
        std::string_view expr = ob.expression;
        size_t space = expr.find_first_of(" \t");
        if (space == std::string_view::npos) return;
        shell::ParsedShell sh(std::string(expr.substr(space + 1)));
        fn(RunScript{nullptr, &sh, ob.range.start_line, stage});
      });
}

bool HasCacheMount(const frontend::RunInstruction* run, std::string_view dir) {
  if (run == nullptr) return false;
  for (const frontend::MountSpec& m : run->mounts) {
    if (m.type != frontend::MountType::kCache &&
        m.type != frontend::MountType::kTmpfs) {
      continue;
    }
    std::string target = Unquote(m.target);
    while (target.size() > 1 && target.back() == '/') target.pop_back();
    if (target == dir || (target.size() > dir.size() &&
                          target.compare(0, dir.size(), dir) == 0 &&
                          target[dir.size()] == '/')) {
      return true;
    }
  }
  return false;
}

std::string Unquote(std::string_view s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') &&
      s.back() == s.front()) {
    s = s.substr(1, s.size() - 2);
  }
  return std::string(s);
}

ImageRef ParseImageRef(std::string_view image) {
  ImageRef ref;
  size_t at = image.find('@');
  if (at != std::string_view::npos) {
    ref.digest = std::string(image.substr(at + 1));
    image = image.substr(0, at);
  }
  size_t slash = image.find('/');
  if (slash != std::string_view::npos) {
    std::string_view first = image.substr(0, slash);
    if (first.find_first_of(".:") != std::string_view::npos ||
        first == "localhost") {
      ref.registry = std::string(first);
      image = image.substr(slash + 1);
    }
  }
  size_t colon = image.rfind(':');
  if (colon != std::string_view::npos &&
      image.find('/', colon) == std::string_view::npos) {
    ref.tag = std::string(image.substr(colon + 1));
    image = image.substr(0, colon);
  }
  ref.name = std::string(image);
  return ref;
}

std::string StageNameAsWritten(const frontend::Stage& stage) {
  if (stage.name.empty()) return "";
  const std::string& line = stage.original;
  size_t end = line.find_last_not_of(" \t\r\n");
  if (end == std::string::npos) return "";
  size_t start = line.find_last_of(" \t\r\n", end);
  start = start == std::string::npos ? 0 : start + 1;
  return line.substr(start, end - start + 1);
}

bool IsEarlierStage(const LintContext& ctx, size_t stage,
                    std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(c));
  const auto& stages = ctx.dockerfile().stages;
  for (size_t i = 0; i < stage && i < stages.size(); ++i) {
    if (!stages[i].name.empty() && stages[i].name == lower) return true;
  }
  return false;
}

bool ArgUnder(const shell::Invocation& inv, std::string_view path) {
  return std::any_of(inv.args.begin(), inv.args.end(),
                     [&](const std::string& a) {
                       return a.compare(0, path.size(), path) == 0;
                     });
}

}  // namespace mybuild::lint::rules
