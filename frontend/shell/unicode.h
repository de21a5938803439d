// Kept only for frontend/ignore, which still spells these shell::DecodeRune,
// shell::AppendRune, shell::TrimSpace and shell::kReplacementRune. They are
// frontend/unicode's (utf8.h, go_strings.h); new code includes those headers
// and depends on //frontend/unicode:utf8 and :go_strings.
#pragma once

#include <string_view>

#include "frontend/unicode/go_strings.h"
#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::shell {

inline constexpr char32_t kReplacementRune = unicode::kRuneError;

// unicode::NextRune: decodes the rune at s[*pos] and advances *pos past it.
inline char32_t DecodeRune(std::string_view s, size_t* pos) {
  return unicode::NextRune(s, pos);
}

using unicode::AppendRune;
using unicode::TrimSpace;

}  // namespace mybuild::frontend::shell
