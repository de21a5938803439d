// DL3060 (info): `yarn cache clean` missing after `yarn install` was run.

#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

bool IsInstall(const shell::Invocation& i) { return i.Is("yarn", "install"); }
bool IsClean(const shell::Invocation& i) {
  return i.name == "yarn" && (i.HasArg("cache") || i.HasArg("clean"));
}

// The index of the first command `pred` holds for, or -1.
int FirstIndex(const shell::ParsedShell& sh,
               bool (*pred)(const shell::Invocation&)) {
  const auto& cmds = sh.commands();
  for (size_t i = 0; i < cmds.size(); ++i) {
    if (pred(cmds[i])) return static_cast<int>(i);
  }
  return -1;
}

// hadolint's DL3060.hs check: `yarn install` without `yarn cache clean`
// (nor a cache or tmpfs mount whose target holds ".cache/yarn"), or with the
// clean before the install.
bool Misses(const shell::ParsedShell& sh, const frontend::RunInstruction* run) {
  int install = FirstIndex(sh, IsInstall);
  if (install < 0) return false;
  int clean = FirstIndex(sh, IsClean);
  if (clean < 0) {
    if (run == nullptr) return true;
    for (const frontend::MountSpec& m : run->mounts) {
      if ((m.type == frontend::MountType::kCache ||
           m.type == frontend::MountType::kTmpfs) &&
          m.target.find(".cache/yarn") != std::string::npos) {
        return false;
      }
    }
    return true;
  }
  return clean < install;
}

// hadolint's src/Hadolint/Rule/DL3060.hs markFailures: a stage's misses are
// reported only when it is the final stage (or has the very same FROM), or
// when its alias is the base image of some FROM; a stage used only by COPY
// --from is not. ONBUILD triggers are checked on their own (`onbuild`), and
// all of their misses are reported.
void Check(const LintContext& ctx, Reporter& out) {
  const auto& stages = ctx.dockerfile().stages;
  if (stages.empty()) return;
  const frontend::Stage& last = stages.back();
  auto reported = [&](size_t s) {
    const frontend::Stage& st = stages[s];
    std::string alias = StageNameAsWritten(st);
    if (st.base == last.base && st.platform == last.platform &&
        alias == StageNameAsWritten(last)) {
      return true;
    }
    if (alias.empty()) return false;
    for (const frontend::Stage& other : stages) {
      if (other.base == alias) return true;
    }
    return false;
  };
  ForEachRunScript(ctx, true, [&](const RunScript& r) {
    if (!Misses(*r.shell, r.run)) return;
    if (r.run == nullptr || reported(r.stage)) out.Report(r.line);
  });
}

}  // namespace

const Rule& Dl3060() {
  static const FnRule rule(
      {"DL3060", Severity::kInfo,
       "`yarn cache clean` missing after `yarn install` was run."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
