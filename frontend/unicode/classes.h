// The rune classes and case mapping of Go's unicode package, Unicode 15.0
// (the version Go carries), for the parser and the shell lexer alike. The
// tables are generated from ICU by tables_gen.cc. Every function accepts
// any char32_t; values that are not code points belong to no class.
#pragma once

namespace mybuild::frontend::unicode {

// unicode.IsSpace: '\t' '\n' '\v' '\f' '\r' ' ' U+0085 U+00A0 and the
// White_Space code points above Latin-1 (not U+200B, zero width space).
bool IsSpace(char32_t r);

// unicode.IsPrint: categories L, M, N, P, S and the ASCII space (so not
// U+00A0 or U+3000).
bool IsPrint(char32_t r);

// unicode.IsLetter: any code point of a category L*.
bool IsLetter(char32_t r);

// unicode.IsDigit: any code point of category Nd (not No, e.g. U+00B2).
bool IsDigit(char32_t r);

// unicode.ToLower: the simple (one to one) lower-case mapping; `r` itself
// when it has none. U+212A KELVIN SIGN maps to an ASCII 'k'.
char32_t ToLower(char32_t r);

}  // namespace mybuild::frontend::unicode
