// `mybuild lint`: hadolint's command line over the linter. The lead wires
// RunLint into the mybuild binary as the `lint` subcommand.
#pragma once

#include <ctime>
#include <iosfwd>
#include <string>
#include <vector>

#include "lint/config.h"
#include "lint/shellcheck.h"

namespace mybuild::lint {

// What RunLint needs from the process, so tests can supply their own.
struct LintEnvironment {
  GetEnv getenv;                 // environment variables
  std::string cwd;               // where .hadolint.yaml is looked for first
  bool out_is_terminal = false;  // colour the tty format
  ProgramRunner runner;          // starts shellcheck
  bool shellcheck_available = false;
  std::time_t now = 0;  // for the junit report
};

// The environment of this process (getenv, getcwd, isatty(1), PATH lookup
// of shellcheck, the current time).
LintEnvironment ProcessEnvironment();

// Runs `mybuild lint` with `args`, the words after `lint`:
//   [-c|--config FILE] [-f|--format FORMAT] [--ignore RULE]...
//   [--error|--warning|--info|--style RULE]... [--trusted-registry REG]...
//   [--require-label LABEL:FORMAT]... [--strict-labels] [--no-fail]
//   [--no-color] [--disable-ignore-pragma] [-t|--failure-threshold LEVEL]
//   [--file-path-in-report PATH] [-V|--verbose] [-v|--version] [-h|--help]
//   [DOCKERFILE... | -]
// Settings come from the config file (given, or hadolint's search), then
// HADOLINT_* variables, then flags, each overriding the one before. The
// report goes to `out`; notes and errors to `err`. `-` reads `in`.
// Returns hadolint's exit codes: 1 when a finding is at or above the failure
// threshold or a file does not parse (never with --no-fail or the
// codeclimate and codacy formats), 1 for usage errors, missing files or a
// broken config, else 0.
int RunLint(const std::vector<std::string>& args, std::istream& in,
            std::ostream& out, std::ostream& err);
int RunLint(const std::vector<std::string>& args, std::istream& in,
            std::ostream& out, std::ostream& err, const LintEnvironment& env);

}  // namespace mybuild::lint
