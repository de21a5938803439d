// Text primitives that behave exactly like the Go standard library functions
// BuildKit's parser calls (utf8, unicode, strings, strconv), so that the raw
// tree and its dump match BuildKit byte for byte, invalid UTF-8 included.
// Unicode tables are Unicode 15.0, the version Go's unicode package carries.
#pragma once

#include <string>
#include <string_view>

namespace mybuild::frontend::parser {

inline constexpr char32_t kRuneError = 0xFFFD;

// One decoded code point and the number of bytes it took.
struct Rune {
  char32_t value;
  int width;
};

// utf8.DecodeRuneInString(s[i:]): an invalid or truncated sequence (overlong,
// surrogate, above U+10FFFF) decodes as {U+FFFD, 1}. Requires i < s.size().
Rune DecodeRune(std::string_view s, size_t i);

// utf8.AppendRune: surrogates and values above U+10FFFF append U+FFFD.
void AppendRune(std::string* out, char32_t r);

// Encodes byte `b` as the rune U+00bb (what Go's string(rune(b)) does).
void AppendLatin1(std::string* out, unsigned char b);

// unicode.IsSpace: '\t' '\n' '\v' '\f' '\r' ' ' U+0085 U+00A0 and the
// White_Space code points above Latin-1.
bool IsSpace(char32_t r);
// unicode.IsPrint: categories L, M, N, P, S and the ASCII space.
bool IsPrint(char32_t r);
// unicode.IsLetter (category L) and unicode.IsDigit (category Nd).
bool IsLetter(char32_t r);
bool IsDigit(char32_t r);
// unicode.ToLower (simple case mapping).
char32_t ToLower(char32_t r);

// strings.ToLower: invalid UTF-8 bytes become U+FFFD unless `s` is ASCII.
std::string ToLower(std::string_view s);
// strings.TrimSpace / TrimLeftFunc(unicode.IsSpace) / TrimRightFunc.
std::string_view TrimSpace(std::string_view s);
std::string_view TrimLeftSpace(std::string_view s);
std::string_view TrimRightSpace(std::string_view s);

// strconv.Quote: a double-quoted Go string literal for `s`.
std::string Quote(std::string_view s);

}  // namespace mybuild::frontend::parser
