// One .dockerignore pattern, compiled once, with the semantics of BuildKit's
// matcher (moby/patternmatcher): `*` any run of characters except '/', `?`
// one character except '/', `[...]` classes with ranges and `^` negation,
// `\` escaping the next character, and `**` for any number of directories.
// A leading `!` makes the pattern an exception (it re-includes).
//
// Deliberate differences from patternmatcher, which builds Go regular
// expressions by text substitution: `*` and `?` inside a class are plain
// members of it, `\` before a letter or digit is that letter or digit (not a
// regex escape such as `\d`), and a reversed range like `[z-a]` is rejected
// when the pattern is compiled rather than at its first use.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "frontend/ignore/glob.h"

namespace mybuild::frontend::ignore {

class Pattern {
 public:
  // Compiles `text` (already trimmed and non-empty). A leading '!' marks an
  // exception; the rest is cleaned (CleanPath). Fails (kInvalidArgument):
  //   illegal exclusion pattern: "!"
  //   syntax error in pattern "<text>": <why>
  // where <why> is "unterminated character class", "bad character class",
  // "bad character range z-a" or "trailing backslash".
  static Expected<Pattern> Compile(std::string_view text);

  // The cleaned pattern, without the '!'.
  const std::string& text() const { return text_; }
  // True for a `!` pattern, which re-includes what it matches.
  bool exception() const { return exception_; }

  // Whether the clean relative path `path` matches, by itself or through
  // one of its ancestor directories (`docs` matches `docs/a/b`).
  bool Matches(std::string_view path) const;

  // False only if no path strictly under the directory `dir` can match;
  // may be true when none actually does.
  bool MayMatchUnder(std::string_view dir) const;

 private:
  // How patternmatcher classifies a pattern; the first three need no glob.
  enum class Kind {
    kExact,   // no wildcard: the path equals text_
    kPrefix,  // "literal**": the path starts with text_ minus the "**"
    kSuffix,  // "**literal": the path ends with text_ minus the "**"
    kGlob,
  };

  Pattern() = default;
  bool MatchesOne(std::string_view s) const;  // no ancestor rule
  bool SuffixMatchesSelfOrAncestor(std::string_view path) const;

  std::string text_;
  bool exception_ = false;
  Kind kind_ = Kind::kExact;
  std::string literal_;  // the fixed part of kExact/kPrefix/kSuffix
  Glob glob_;
};

}  // namespace mybuild::frontend::ignore
