// UTF-8 decoding and the rune classes Go's unicode package defines, so that
// word and pattern scanning treat non-ASCII text the way BuildKit (Go) does.
#pragma once

#include <string>
#include <string_view>

namespace mybuild::frontend::shell {

// The rune Go substitutes for an invalid UTF-8 byte.
inline constexpr char32_t kReplacementRune = 0xFFFD;

// Decodes the rune at s[*pos] and advances *pos past it. An invalid or
// truncated sequence (or a surrogate / out-of-range code point) yields
// kReplacementRune and advances by one byte, as Go's utf8.DecodeRune does.
// Requires *pos < s.size().
char32_t DecodeRune(std::string_view s, size_t* pos);

// Appends the UTF-8 encoding of `r` (kReplacementRune if `r` is not a valid
// code point).
void AppendRune(std::string* out, char32_t r);

// Go's unicode.IsSpace: '\t' '\n' '\v' '\f' '\r' ' ' U+0085 U+00A0 and the
// Unicode Z-category spaces.
bool IsSpace(char32_t r);

// Go's unicode.IsLetter: any code point of a Unicode L* category (15.0).
bool IsLetter(char32_t r);

// Go's unicode.IsDigit: any code point of category Nd (15.0).
bool IsDigit(char32_t r);

// Removes leading and trailing IsSpace runes (Go's strings.TrimSpace).
std::string_view TrimSpace(std::string_view s);

}  // namespace mybuild::frontend::shell
