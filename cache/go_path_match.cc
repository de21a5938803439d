#include "cache/go_path_match.h"

#include <string>
#include <utility>
#include <vector>

namespace mybuild::cache {
namespace {

constexpr char32_t kRuneError = 0xFFFD;

struct Decoded {
  char32_t rune;
  size_t width;
};

// One UTF-8 character at the front of non-empty `s`, decoded as Go does:
// anything ill-formed (overlong, surrogate, above U+10FFFF, truncated) is
// U+FFFD of width 1.
Decoded DecodeRune(std::string_view s) {
  auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  auto cont = [&](size_t i, unsigned lo, unsigned hi) {
    return i < s.size() && b(i) >= lo && b(i) <= hi;
  };
  unsigned c = b(0);
  if (c < 0x80) return {c, 1};
  if (c >= 0xC2 && c <= 0xDF && cont(1, 0x80, 0xBF)) {
    return {((c & 0x1Fu) << 6) | (b(1) & 0x3Fu), 2};
  }
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    if (cont(1, lo, hi) && cont(2, 0x80, 0xBF)) {
      return {((c & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu), 3};
    }
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    if (cont(1, lo, hi) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF)) {
      return {((c & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) |
                  ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu),
              4};
    }
  }
  return {kRuneError, 1};
}

struct Token {
  enum Kind { kStar, kAny, kClass, kByte };
  explicit Token(Kind k, char b = 0) : kind(k), byte(b) {}
  Kind kind;
  char byte;
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;
};

Status BadPattern() { return InvalidArgument("syntax error in pattern"); }

// One class member at p[*i]: a character other than '-' and ']', or an
// escaped one. A class must close, so the pattern may not end after it.
Expected<char32_t> ClassChar(std::string_view p, size_t* i) {
  if (*i >= p.size() || p[*i] == '-' || p[*i] == ']') return BadPattern();
  if (p[*i] == '\\' && ++*i >= p.size()) return BadPattern();
  Decoded d = DecodeRune(p.substr(*i));
  if (d.rune == kRuneError && d.width == 1) return BadPattern();
  *i += d.width;
  if (*i >= p.size()) return BadPattern();
  return d.rune;
}

// The class whose '[' was just consumed; *i ends past its ']'.
Expected<Token> ParseClass(std::string_view p, size_t* i) {
  Token t(Token::kClass);
  if (*i < p.size() && p[*i] == '^') {
    t.negated = true;
    ++*i;
  }
  while (t.ranges.empty() || p[*i] != ']') {
    ASSIGN_OR_RETURN(char32_t lo, ClassChar(p, i));
    char32_t hi = lo;
    if (p[*i] == '-') {
      ++*i;
      ASSIGN_OR_RETURN(hi, ClassChar(p, i));
    }
    t.ranges.emplace_back(lo, hi);
  }
  ++*i;
  return t;
}

Expected<std::vector<Token>> Parse(std::string_view p) {
  std::vector<Token> out;
  for (size_t i = 0; i < p.size();) {
    char c = p[i++];
    if (c == '*') {
      out.emplace_back(Token::kStar);
    } else if (c == '?') {
      out.emplace_back(Token::kAny);
    } else if (c == '[') {
      ASSIGN_OR_RETURN(Token t, ParseClass(p, &i));
      out.push_back(std::move(t));
    } else {
      if (c == '\\') {
        if (i >= p.size()) return BadPattern();
        c = p[i++];
      }
      out.emplace_back(Token::kByte, c);
    }
  }
  return out;
}

// Whether `t` matches at the front of `s`; *width is what it consumed.
bool MatchOne(const Token& t, std::string_view s, size_t* width) {
  if (s.empty()) return false;
  *width = 1;
  if (t.kind == Token::kByte) return s[0] == t.byte;
  if (t.kind == Token::kAny && s[0] == '/') return false;
  Decoded d = DecodeRune(s);
  *width = d.width;
  if (t.kind == Token::kAny) return true;
  bool in = false;
  for (const auto& [lo, hi] : t.ranges) in = in || (lo <= d.rune && d.rune <= hi);
  return in != t.negated;
}

}  // namespace

Expected<bool> GoPathMatch(std::string_view pattern, std::string_view name) {
  ASSIGN_OR_RETURN(std::vector<Token> tokens, Parse(pattern));
  // Backtracking to the latest '*' only, one byte at a time and never over
  // a '/': what Go's leftmost chunk search after each star amounts to.
  size_t ti = 0, ni = 0, star_t = std::string::npos, star_n = 0;
  while (true) {
    if (ti < tokens.size() && tokens[ti].kind == Token::kStar) {
      star_t = ++ti;
      star_n = ni;
      continue;
    }
    if (ti == tokens.size() && ni == name.size()) return true;
    size_t width = 0;
    if (ti < tokens.size() && MatchOne(tokens[ti], name.substr(ni), &width)) {
      ++ti;
      ni += width;
      continue;
    }
    if (star_t == std::string::npos || star_n >= name.size() ||
        name[star_n] == '/') {
      return false;
    }
    ti = star_t;
    ni = ++star_n;
  }
}

Status CheckGoPattern(std::string_view pattern) {
  return Parse(pattern).status();
}

bool HasUnescapedWildcard(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '*' || s[i] == '?' || s[i] == '[') {
      return true;
    }
  }
  return false;
}

}  // namespace mybuild::cache
