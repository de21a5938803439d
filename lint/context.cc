#include "lint/context.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace mybuild::lint {
namespace {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    pos = end + 1;
  }
  return lines;
}

// Lines inside a multi-line instruction (continuations, here-doc bodies):
// a `#` there is not a Dockerfile comment.
std::set<int> InnerLines(const frontend::Dockerfile& df) {
  std::set<int> inner;
  auto add = [&](const frontend::SourceRange& r) {
    for (int l = r.start_line + 1; l <= r.end_line; ++l) inner.insert(l);
  };
  for (const frontend::Instruction& i : df.before_first_from) add(RangeOf(i));
  for (const frontend::Stage& s : df.stages) {
    add(s.range);
    for (const frontend::Instruction& i : s.instructions) add(RangeOf(i));
  }
  return inner;
}

std::string ShellFromArgs(const std::vector<std::string>& args) {
  std::string s;
  for (const std::string& a : args) s += (s.empty() ? "" : " ") + a;
  return s;
}

// BuildKit's default shell: `cmd /S /C` on Windows images, which we
// recognise by the backtick escape directive Windows Dockerfiles use or by the
// base image's name.
std::string DefaultShell(const frontend::Dockerfile& df,
                         const frontend::Stage& stage) {
  std::string base;
  for (char c : stage.base) base += static_cast<char>(std::tolower(c));
  bool windows = df.directives.escape == '`' ||
                 base.find("windows/") != std::string::npos ||
                 base.find("nanoserver") != std::string::npos ||
                 base.find("windowsservercore") != std::string::npos;
  return windows ? "cmd /S /C" : "/bin/sh -c";
}

}  // namespace

bool IsNonPosixShell(std::string_view shell) {
  std::string lower;
  for (char c : shell.substr(0, shell.find(' '))) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  size_t slash = lower.find_last_of("/\\");
  if (slash != std::string::npos) lower.erase(0, slash + 1);
  for (const char* n :
       {"powershell", "powershell.exe", "pwsh", "pwsh.exe", "cmd", "cmd.exe"}) {
    if (lower == n) return true;
  }
  return false;
}

std::string LintContext::ScriptOf(const frontend::RunInstruction& run) {
  std::string cmd = ShellFromArgs(run.args);
  if (run.heredocs.empty()) return cmd;
  // `RUN <<EOF` alone runs the here-doc as the script; otherwise the shell
  // gets the command line followed by the here-doc bodies.
  std::string trimmed = cmd;
  trimmed.erase(0, trimmed.find_first_not_of(" \t"));
  trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
  if (run.heredocs.size() == 1 && trimmed.rfind("<<", 0) == 0 &&
      trimmed.find_first_of(" \t|&;") == std::string::npos) {
    return run.heredocs[0].content;
  }
  std::string script = cmd + "\n";
  for (const frontend::Heredoc& h : run.heredocs) {
    script += h.content;
    if (!script.empty() && script.back() != '\n') script += '\n';
    script += h.name + "\n";
  }
  return script;
}

LintContext::LintContext(const frontend::Dockerfile& dockerfile,
                         std::string_view text, RuleOptions options)
    : dockerfile_(dockerfile),
      text_(text),
      options_(std::move(options)),
      lines_(SplitLines(text)),
      pragmas_(CollectPragmas(text, InnerLines(dockerfile))) {
  for (size_t s = 0; s < dockerfile.stages.size(); ++s) {
    const frontend::Stage& stage = dockerfile.stages[s];
    stage_starts_.push_back(stage.range.start_line);
    std::string shell = DefaultShell(dockerfile, stage);
    int shell_line = 0;
    for (const frontend::Instruction& ins : stage.instructions) {
      all_.push_back(Located{&ins, s});
      if (const auto* sh = std::get_if<frontend::ShellInstruction>(&ins)) {
        shell = ShellFromArgs(sh->args);
        shell_line = sh->range.start_line;
      }
      const auto* run = std::get_if<frontend::RunInstruction>(&ins);
      if (run == nullptr) continue;
      std::string effective = shell;
      std::string pragma =
          pragmas_.ShellAt(run->range.start_line, stage_starts_);
      if (!pragma.empty()) {
        // The pragma wins unless a SHELL instruction follows it.
        int pragma_line = 0;
        for (const auto& [at, name] : pragmas_.shells) {
          if (at < run->range.start_line) pragma_line = at;
        }
        if (pragma_line > shell_line) effective = pragma;
      }
      shells_[run] = effective;
      if (!IsNonPosixShell(effective)) {
        parsed_[run] = std::make_unique<shell::ParsedShell>(ScriptOf(*run));
      }
    }
  }
}

const shell::ParsedShell* LintContext::Shell(
    const frontend::RunInstruction& run) const {
  auto it = parsed_.find(&run);
  return it == parsed_.end() ? nullptr : it->second.get();
}

std::string LintContext::ShellName(const frontend::RunInstruction& run) const {
  auto it = shells_.find(&run);
  return it == shells_.end() ? "/bin/sh -c" : it->second;
}

}  // namespace mybuild::lint
