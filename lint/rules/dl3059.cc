// DL3059 (info): Multiple consecutive `RUN` instructions. Consider
// consolidation.

#include <set>
#include <string>

#include "lint/rules/helpers.h"
#include "lint/rules/rules.h"

namespace mybuild::lint::rules {
namespace {

// A RUN's flags as hadolint compares them (RunFlags: the set of mounts, the
// network and the security mode), so the order of --mount flags and their
// fields does not matter.
std::set<std::string> FlagsOf(const frontend::RunInstruction& run) {
  std::set<std::string> flags;
  for (const frontend::MountSpec& m : run.mounts) {
    std::string key;
    for (const std::string* field :
         {&m.target, &m.source, &m.from, &m.id, &m.env}) {
      key += *field + '\0';
    }
    key += std::to_string(static_cast<int>(m.type)) + ' ' +
           std::to_string(m.readonly) + ' ' + std::to_string(m.required) + ' ' +
           std::to_string(static_cast<int>(m.sharing)) + ' ' +
           (m.mode ? std::to_string(*m.mode) : "-") + ' ' +
           (m.uid ? std::to_string(*m.uid) : "-") + ' ' +
           (m.gid ? std::to_string(*m.gid) : "-") + ' ' +
           (m.size ? std::to_string(*m.size) : "-");
    flags.insert("mount " + key);
  }
  flags.insert("network " + std::to_string(static_cast<int>(run.network)));
  flags.insert("security " + std::to_string(static_cast<int>(run.security)));
  return flags;
}

// The number of commands a RUN runs (presentCommands), 0 for a script that
// is not POSIX shell.
size_t CommandCount(const LintContext& ctx, const frontend::RunInstruction& r) {
  const shell::ParsedShell* sh = ctx.Shell(r);
  return sh ? sh->commands().size() : 0;
}

// hadolint's src/Hadolint/Rule/DL3059.hs: a RUN right after a RUN (only
// comments between; any other instruction, FROM and ONBUILD included,
// breaks the run) with the same flags is reported unless either of the two
// runs more than two commands (deliberately split chains).
void Check(const LintContext& ctx, Reporter& out) {
  for (const frontend::Stage& stage : ctx.dockerfile().stages) {
    const frontend::RunInstruction* prev = nullptr;
    size_t prev_count = 0;
    for (const frontend::Instruction& i : stage.instructions) {
      const auto* run = std::get_if<frontend::RunInstruction>(&i);
      if (run == nullptr) {
        prev = nullptr;
        continue;
      }
      size_t count = CommandCount(ctx, *run);
      if (prev && FlagsOf(*run) == FlagsOf(*prev) && count <= 2 &&
          prev_count <= 2) {
        out.Report(run->range.start_line);
        continue;  // hadolint keeps the earlier RUN's state here
      }
      prev = run;
      prev_count = count;
    }
  }
}

}  // namespace

const Rule& Dl3059() {
  static const FnRule rule(
      {"DL3059", Severity::kInfo,
       "Multiple consecutive `RUN` instructions. Consider consolidation."},
      Check);
  return rule;
}

}  // namespace mybuild::lint::rules
