// What rules see of one Dockerfile: the typed instructions, the raw text
// (for comments and casing), the pragmas, the rule options from the config,
// and every RUN body parsed once into shell facts.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "frontend/dockerfile.h"
#include "frontend/ignore/matcher.h"
#include "lint/config.h"
#include "lint/pragma.h"
#include "lint/shell/facts.h"

namespace mybuild::lint {

// The config settings some rules read.
struct RuleOptions {
  std::vector<std::string> trusted_registries;      // DL3026
  std::map<std::string, std::string> label_schema;  // DL3049-DL3058
  bool strict_labels = false;                       // DL3050
  // The build context's .dockerignore (CopyIgnoredFile); nullptr when the
  // context is unknown or has none. Must outlive the lint.
  const frontend::ignore::Matcher* dockerignore = nullptr;
};

// An instruction with the stage it belongs to.
struct Located {
  const frontend::Instruction* instruction;
  size_t stage;
};

class LintContext {
 public:
  // `dockerfile` and `text` must outlive the context.
  LintContext(const frontend::Dockerfile& dockerfile, std::string_view text,
              RuleOptions options);

  const frontend::Dockerfile& dockerfile() const { return dockerfile_; }
  std::string_view text() const { return text_; }
  // The physical lines of the text, without their line endings; line N is
  // lines()[N - 1].
  const std::vector<std::string_view>& lines() const { return lines_; }
  const RuleOptions& options() const { return options_; }
  const Pragmas& pragmas() const { return pragmas_; }
  // The 1-based FROM lines, ascending.
  const std::vector<int>& stage_starts() const { return stage_starts_; }
  // Every instruction of every stage, in source order (those before the
  // first FROM, kept by a lenient parse, are not in a stage: rules that
  // want them read dockerfile().before_first_from).
  const std::vector<Located>& instructions() const { return all_; }

  // The shell facts of `run`'s script (its shell-form command, or the JSON
  // array joined by spaces, with here-documents), or nullptr when the shell
  // in effect is not a POSIX shell (a SHELL instruction or `# hadolint
  // shell=` naming powershell, pwsh or cmd).
  const shell::ParsedShell* Shell(const frontend::RunInstruction& run) const;
  // The shell in effect for `run`: the last SHELL of its stage before it,
  // else the stage's `# hadolint shell=` pragma, else the default: "cmd /S
  // /C" for Windows images (a backtick escape directive, or a base image
  // named windows/..., *nanoserver*, *windowsservercore*), "/bin/sh -c"
  // otherwise.
  std::string ShellName(const frontend::RunInstruction& run) const;

  // The script a RUN executes, as the shell sees it.
  static std::string ScriptOf(const frontend::RunInstruction& run);

 private:
  const frontend::Dockerfile& dockerfile_;
  std::string_view text_;
  RuleOptions options_;
  std::vector<std::string_view> lines_;
  Pragmas pragmas_;
  std::vector<int> stage_starts_;
  std::vector<Located> all_;
  std::unordered_map<const frontend::RunInstruction*, std::string> shells_;
  std::unordered_map<const frontend::RunInstruction*,
                     std::unique_ptr<shell::ParsedShell>>
      parsed_;
};

// True for shells whose scripts are not POSIX (powershell, pwsh, cmd).
bool IsNonPosixShell(std::string_view shell);

}  // namespace mybuild::lint
