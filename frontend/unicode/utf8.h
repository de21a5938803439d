// UTF-8 decoding and encoding exactly as Go's unicode/utf8 does it, invalid
// input included, so that text scanned here splits, lower-cases and quotes
// byte for byte as it does in BuildKit.
#pragma once

#include <string>
#include <string_view>

namespace mybuild::frontend::unicode {

// utf8.RuneError: what an invalid byte decodes as.
inline constexpr char32_t kRuneError = 0xFFFD;

// One decoded code point and the number of bytes it took.
struct Rune {
  char32_t value;
  int width;
};

// utf8.DecodeRuneInString(s[i:]). An invalid or truncated sequence (a lone
// continuation byte, an overlong form, a surrogate, a value above U+10FFFF)
// decodes as {kRuneError, 1}; a real U+FFFD decodes as {kRuneError, 3}.
// Requires i < s.size().
Rune DecodeRune(std::string_view s, size_t i);

// DecodeRune(s, *pos).value, advancing *pos past the bytes it took: the loop
// `for (size_t pos = 0; pos < s.size();) use(NextRune(s, &pos));` visits the
// runes of `s` as Go's `for _, r := range s` does. Requires *pos < s.size().
inline char32_t NextRune(std::string_view s, size_t* pos) {
  const Rune r = DecodeRune(s, *pos);
  *pos += r.width;
  return r.value;
}

// utf8.AppendRune: appends the encoding of `r`; a surrogate or a value above
// U+10FFFF appends kRuneError's.
void AppendRune(std::string* out, char32_t r);

}  // namespace mybuild::frontend::unicode
