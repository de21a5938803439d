// ShellCheck on RUN bodies, as hadolint does: every shell-form RUN of a
// POSIX shell is checked (all checks but SC1090, SC1091 and SC2187) with the
// stage's ARG and ENV names declared and its SHELL as the shebang; each
// comment becomes an SCxxxx finding at the RUN's line. All RUNs of a file go
// to one `shellcheck` process.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "lint/rule.h"

namespace mybuild::lint {

// Runs argv (argv[0] looked up in $PATH) and returns its standard output.
// Fails with NotFound when the program does not exist, IoError when it
// could not be started or its exit status is above 1.
using ProgramRunner =
    std::function<Expected<std::string>(const std::vector<std::string>& argv)>;

// The real runner (posix_spawnp, stdout through a pipe).
Expected<std::string> RunProgram(const std::vector<std::string>& argv);

// Whether `name` is an executable file in a $PATH directory.
bool InPath(const std::string& name);

// The rule "SC": reports ShellCheck's comments under their own codes
// ("SC2086") with ShellCheck's levels as severities. `runner` is used to
// start `shellcheck`; when it fails, `on_error` is told (once per file) and
// nothing is reported.
class ShellCheckRule final : public Rule {
 public:
  ShellCheckRule(ProgramRunner runner,
                 std::function<void(const Status&)> on_error);
  const RuleInfo& info() const override;
  void Check(const LintContext& ctx, Reporter& out) const override;

  // The script hadolint-style: a shebang for `dialect` ("sh", "bash",
  // "dash", "ksh"; SHELL's program, ash and busybox read as sh), an
  // `export NAME=1` line per declared name, then `body`.
  static std::string Script(const std::string& dialect,
                            const std::vector<std::string>& names,
                            const std::string& body);

 private:
  ProgramRunner runner_;
  std::function<void(const Status&)> on_error_;
};

}  // namespace mybuild::lint
