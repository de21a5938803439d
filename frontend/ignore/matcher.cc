#include "frontend/ignore/matcher.h"

#include <algorithm>
#include <utility>

#include "frontend/unicode/go_strings.h"

namespace mybuild::frontend::ignore {

Expected<Matcher> Matcher::Create(const std::vector<std::string>& patterns) {
  std::vector<Pattern> compiled;
  for (const std::string& raw : patterns) {
    const std::string_view text = unicode::TrimSpace(raw);
    if (text.empty()) continue;
    ASSIGN_OR_RETURN(Pattern p, Pattern::Compile(text));
    compiled.push_back(std::move(p));
  }
  return Matcher(std::move(compiled));
}

Matcher::Matcher(std::vector<Pattern> patterns)
    : patterns_(std::move(patterns)) {}

bool Matcher::Excluded(std::string_view path) const {
  bool excluded = false;
  for (const Pattern& p : patterns_) {
    // Only a pattern that would flip the verdict needs to be evaluated.
    if (p.exception() != excluded) continue;
    if (p.Matches(path)) excluded = !p.exception();
  }
  return excluded;
}

bool Matcher::MayReincludeUnder(std::string_view dir) const {
  // An exception before the first ordinary pattern can never flip anything.
  auto first = std::find_if(patterns_.begin(), patterns_.end(),
                            [](const Pattern& p) { return !p.exception(); });
  return std::any_of(first, patterns_.end(), [dir](const Pattern& p) {
    return p.exception() && p.MayMatchUnder(dir);
  });
}

bool Matcher::HasExceptions() const {
  return std::any_of(patterns_.begin(), patterns_.end(),
                     [](const Pattern& p) { return p.exception(); });
}

}  // namespace mybuild::frontend::ignore
