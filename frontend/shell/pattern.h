// The patterns of ${v#p} ${v##p} ${v%p} ${v%%p} ${v/p/r} ${v//p/r}, matched
// as BuildKit matches them (it turns them into Go regular expressions):
// `*` is any run of characters, `?` any one character (a whole UTF-8 code
// point), neither of them matching a newline; `\*` `\?` `\\` are literal;
// `\}` and `\/` stand for `}` and `/`; there are no [...] classes, every
// other character is literal. Strings are compared rune by rune; an invalid
// UTF-8 byte counts as one rune (U+FFFD), as in Go.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace mybuild::frontend::shell {

class ShellPattern {
 public:
  // Fails (kInvalidArgument) on a backslash followed by anything other than
  // `*` `?` `\` `}` `/`, or at the end: "invalid escape '\x'",
  // "invalid escape at end of pattern".
  static Expected<ShellPattern> Parse(std::string_view pattern);

  // ${v#p} (longest=false) and ${v##p} (longest=true): `value` without the
  // shortest/longest prefix the pattern matches; unchanged if none does.
  std::string TrimPrefix(std::string_view value, bool longest) const;

  // ${v%p} and ${v%%p}: the same for suffixes.
  std::string TrimSuffix(std::string_view value, bool longest) const;

  // ${v/p/r}: replaces the leftmost (then longest) match with `repl`,
  // inserted as is. An empty pattern matches at the start.
  std::string ReplaceFirst(std::string_view value, std::string_view repl) const;

  // ${v//p/r}: replaces every non-overlapping match, left to right, the way
  // Go's Regexp.ReplaceAllString does: an empty match right after a previous
  // match is skipped, and `repl` is a Go template in which "$0"/"${0}" stand
  // for the matched text, "$$" for "$", and any other "$name" for nothing.
  // An empty pattern inserts `repl` around every character, so nested uses
  // could grow without bound: a result longer than `max_size` bytes fails
  // (kInvalidArgument) with "result of ${...//...} longer than N bytes".
  Expected<std::string> ReplaceAll(std::string_view value,
                                   std::string_view repl,
                                   size_t max_size = kMaxResultSize) const;

  static constexpr size_t kMaxResultSize = 1 << 20;

 private:
  enum class Kind { kLiteral, kAnyOne, kAnyRun };
  struct Token {
    Kind kind;
    char32_t rune;  // kLiteral only
  };
  struct Runes;  // a decoded value: runes plus their byte offsets

  struct Match {
    size_t start;  // rune indexes: runes [start, end) matched
    size_t end;
  };
  // Runs `tokens` as an NFA over `runes` from index `from`, linear in the
  // runes scanned. Anchored: only matches that start at `from`, the
  // shortest or the longest. Unanchored (longest only): the leftmost start,
  // then the longest match from there, which is what Go's greedy regexp
  // finds for these patterns.
  static std::optional<Match> Search(const std::vector<Token>& tokens,
                                     const std::vector<char32_t>& runes,
                                     size_t from, bool anchored, bool longest);

  std::vector<Token> tokens_;
};

}  // namespace mybuild::frontend::shell
