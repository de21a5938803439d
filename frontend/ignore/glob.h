// The compiled form of one .dockerignore pattern that needs more than a
// string comparison: a sequence of steps run as an NFA over the path's runes
// (linear time in the path, whatever the pattern; no backtracking). The
// steps are what BuildKit's matcher turns a pattern into:
//   kStar     `*`        any run of characters except '/'
//   kAnyOne   `?`        one character except '/'
//   kClass    `[...]`    one character in (or, negated, not in) the class
//   kRun      final `**` any run of characters except '\n'
//   kDirEntry+kDirInner  `**/` or inner `**`: nothing, or any run of
//                        characters except '\n' that ends with '/'
// Paths are compared rune by rune; an invalid UTF-8 byte is one rune.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mybuild::frontend::ignore {

struct GlobClass {
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;  // inclusive

  bool Contains(char32_t r) const;
};

class Glob {
 public:
  enum class Op : uint8_t {
    kLiteral,
    kStar,
    kAnyOne,
    kClass,
    kRun,
    kDirEntry,
    kDirInner,
  };

  void AddLiteral(char32_t r);
  void AddClass(GlobClass c);
  // Any Op but kLiteral/kClass; kDirEntry also adds its kDirInner.
  void Add(Op op);

  // Whether the whole of `s` matches.
  bool Matches(std::string_view s) const;
  // Whether `s`, or one of its ancestors (the part before any '/' in it),
  // matches: the .dockerignore parent-directory rule, in one pass.
  bool MatchesSelfOrAncestor(std::string_view s) const;
  // False only if no string that starts with `prefix` can match.
  bool MayMatchWithPrefix(std::string_view prefix) const;

 private:
  struct Step {
    Op op;
    char32_t arg;  // the rune of kLiteral, the class index of kClass
  };
  class Run;  // one NFA pass

  // Whether `s` could match the glob by itself or through an ancestor, as
  // far as the literal text the glob ends with tells (a cheap filter).
  bool TailAllows(std::string_view s) const;

  std::vector<Step> steps_;
  std::vector<GlobClass> classes_;
  std::string tail_;  // UTF-8 of the literal steps after the last wildcard
};

}  // namespace mybuild::frontend::ignore
