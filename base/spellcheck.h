// "Did you mean" suggestions for misspelt flags, instructions and commands.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mybuild {

// Edit distance between `a` and `b` (insert, delete, substitute, swap two
// adjacent characters), comparing ASCII letters case-insensitively.
int EditDistance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, or "" when none is close enough to be a
// plausible typo (distance greater than max(1, len(word)/3)). Ties go to the
// earliest candidate.
std::string SpellCheck(std::string_view word,
                       const std::vector<std::string>& candidates);

}  // namespace mybuild
