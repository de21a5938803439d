// hadolint's comment pragmas:
//   # hadolint ignore=DL3006,SC2086     the instruction on the next line
//   # hadolint global ignore=DL3003     the whole file
//   # hadolint stage ignore=DL3059      the rest of the current stage
//   # hadolint shell=powershell         the shell of the current stage
// Each may end with a comment of its own: `# hadolint ignore=DL3003 # why`.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mybuild::lint {

struct Pragma {
  enum class Kind { kIgnore, kGlobalIgnore, kStageIgnore, kShell };
  Kind kind = Kind::kIgnore;
  std::vector<std::string> codes;  // the ignore kinds
  std::string shell;               // kShell
};

// Parses the text of a comment after its `#`. nullopt when it is not a
// well-formed pragma (then it is an ordinary comment, as in hadolint: a
// trailing word that is not a `# comment` makes the whole line ordinary).
// Rule codes are letters and digits ("DL3008", "SC2086", "UndefinedVar").
std::optional<Pragma> ParsePragma(std::string_view comment);

// The pragmas of a Dockerfile, by line.
struct Pragmas {
  std::map<int, std::set<std::string>> line_ignores;  // by the line ignored
  std::set<std::string> global_ignores;
  std::map<int, std::set<std::string>> stage_ignores;  // by pragma line
  std::map<int, std::string> shells;                   // by pragma line
  std::vector<int> ignore_lines;  // lines holding `# hadolint ignore=`

  // Whether `code` reported at `line` is silenced. `stage_starts` are the
  // 1-based lines of the FROM instructions, ascending; a stage pragma holds
  // from its line to the next FROM.
  bool Ignores(std::string_view code, int line,
               const std::vector<int>& stage_starts) const;
  // The shell named by a `shell=` pragma in effect at `line` (one above it
  // in the same stage), or "".
  std::string ShellAt(int line, const std::vector<int>& stage_starts) const;
};

// Scans every comment line (first non-blank character `#`) of `text`.
// `skip` holds 1-based lines that are not Dockerfile comments (here-doc
// bodies), which are left alone.
Pragmas CollectPragmas(std::string_view text, const std::set<int>& skip = {});

}  // namespace mybuild::lint
