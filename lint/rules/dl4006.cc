// DL4006 (warning): Set the SHELL option -o pipefail before RUN with a pipe in
// it. If you are using /bin/sh in an alpine image or if your shell is symlinked
// to busybox then consider explicitly setting your SHELL to /bin/ash, or
// disable this check

#include <string>
#include <string_view>
#include <vector>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// hadolint 2.15's src/Hadolint/Rule/DL4006.hs: a SHELL sets the state for
// the rest of its stage; it turns the check off when it starts with a
// non-POSIX shell (isNonPosixShell: "pwsh", "powershell", "cmd") or when
// it is one of these shells, exactly as written, with an `o` flag and a
// "pipefail" argument (hasPipefailOption). "/bin/sh -o pipefail" and
// "/usr/bin/bash -o pipefail" do not count; nor does `set -o pipefail` in
// the RUN itself.
bool ShellSetsPipefail(const std::vector<std::string>& args) {
  if (args.empty()) return false;
  for (std::string_view non_posix : {"pwsh", "powershell", "cmd"}) {
    if (args[0].compare(0, non_posix.size(), non_posix) == 0) return true;
  }
  bool shell = false;
  for (std::string_view s :
       {"/bin/bash", "/bin/zsh", "/bin/ash", "bash", "zsh", "ash"}) {
    if (args[0] == s) shell = true;
  }
  shell::Invocation inv = shell::Invocation::Make(
      args[0], std::vector<std::string>(args.begin() + 1, args.end()));
  return shell && inv.HasFlag("o") && inv.HasArg("pipefail");
}

void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Stage& stage : ctx.dockerfile().stages) {
    bool pipefail = false;  // reset at each FROM
    for (const frontend::Instruction& i : stage.instructions) {
      if (const auto* sh = std::get_if<frontend::ShellInstruction>(&i)) {
        pipefail = ShellSetsPipefail(sh->args);
      } else if (const auto* run = std::get_if<frontend::RunInstruction>(&i)) {
        const shell::ParsedShell* parsed = ctx.Shell(*run);
        if (!pipefail && parsed && parsed->HasPipes()) {
          out.Report(run->range.start_line);
        }
      }
    }
  }
}

}  // namespace

const Rule& Dl4006() {
  static const FnRule rule(
      {"DL4006", Severity::kWarning,
       "Set the SHELL option -o pipefail before RUN with a pipe in it. If you "
       "are using /bin/sh in an alpine image or if your shell is symlinked to "
       "busybox then consider explicitly setting your SHELL to /bin/ash, or "
       "disable this check"},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
