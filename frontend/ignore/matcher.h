// Decides which context paths a .dockerignore excludes: patterns apply in
// order and the last one that matches a path (by itself or through an
// ancestor directory) decides; a `!` pattern re-includes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "frontend/ignore/pattern.h"

namespace mybuild::frontend::ignore {

// Immutable once built: Excluded may be called from many threads at once.
class Matcher {
 public:
  // A matcher that excludes nothing.
  Matcher() = default;

  // Compiles `patterns` (as ReadIgnoreFile returns them, or as given on a
  // command line): each is trimmed of whitespace and empty ones are dropped.
  // Fails with the first pattern's Pattern::Compile error.
  static Expected<Matcher> Create(const std::vector<std::string>& patterns);

  // From already compiled patterns, in order.
  explicit Matcher(std::vector<Pattern> patterns);

  // Whether the context path `path` (clean, relative, '/'-separated, as
  // CleanPath gives it) is excluded. "" and "." are never excluded.
  bool Excluded(std::string_view path) const;

  // Whether an exception pattern might re-include something strictly under
  // the directory `dir`. When Excluded(dir) and this is false, everything
  // under `dir` is excluded too and a walk can skip it without reading it.
  bool MayReincludeUnder(std::string_view dir) const;

  // True if some pattern is an exception (`!`).
  bool HasExceptions() const;

  const std::vector<Pattern>& patterns() const { return patterns_; }

 private:
  std::vector<Pattern> patterns_;
};

}  // namespace mybuild::frontend::ignore
