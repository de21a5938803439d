// "Shell facts": a RUN body parsed once and the questions every rule asks
// of it (which commands run, with which flags; are there pipes; is pipefail
// set). Built once per RUN and shared by all rules.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/shell/ast.h"
#include "lint/shell/invocation.h"

namespace mybuild::lint::shell {

class ParsedShell {
 public:
  // Parses `text` (never fails; see ParseScript) and collects the commands.
  explicit ParsedShell(std::string text);
  ParsedShell(ParsedShell&&) = default;
  ParsedShell& operator=(ParsedShell&&) = default;
  ParsedShell(const ParsedShell&) = delete;
  ParsedShell& operator=(const ParsedShell&) = delete;

  const std::string& text() const { return text_; }
  const Script& script() const { return script_; }

  // Every command the script runs, in source order, including those inside
  // compound commands and command substitutions. A command behind a wrapper
  // (`sudo`, `env A=1`, `nice`, `nohup`, `time`, `exec`, `command`,
  // `timeout 5`, `xargs`, `gosu user`, `su-exec user`, `sh -c '...'`, a
  // shell reading a here-doc: `bash <<EOF`) is
  // listed after the wrapper with Invocation::wrapper set.
  const std::vector<Invocation>& commands() const { return commands_; }

  bool AnyCommand(const std::function<bool(const Invocation&)>& pred) const;
  bool NoCommands(const std::function<bool(const Invocation&)>& pred) const;
  // The invocations named `name`.
  std::vector<const Invocation*> Find(std::string_view name) const;
  bool Uses(std::string_view name) const;

  // Some pipeline joins two or more commands with `|` or `|&`.
  bool HasPipes() const { return has_pipes_; }

 private:
  std::string text_;
  Script script_;
  std::vector<Invocation> commands_;
  bool has_pipes_ = false;
};

// Appends the invocation of `cmd` (a simple command with words) and, when
// it is a wrapper, of the command it runs, to `out`. Commands found inside
// an `sh -c` script point at the `sh` command's node. `depth` bounds the
// nesting of wrappers.
void CollectInvocations(const Command& cmd, int depth,
                        std::vector<Invocation>* out);

}  // namespace mybuild::lint::shell
