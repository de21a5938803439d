#include "frontend/parser/go_text.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace mybuild::frontend::parser {
namespace {

struct CodeRange {
  char32_t lo, hi;
};
struct CaseRange {
  char32_t lo, hi;
  int stride;
  int32_t delta;
};

#include "frontend/parser/unicode_tables.inc"

template <size_t N>
bool InTable(const CodeRange (&table)[N], char32_t r) {
  auto it = std::upper_bound(
      std::begin(table), std::end(table), r,
      [](char32_t v, const CodeRange& range) { return v < range.lo; });
  return it != std::begin(table) && r <= std::prev(it)->hi;
}

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace

Rune DecodeRune(std::string_view s, size_t i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
  const size_t n = s.size() - i;
  const unsigned char b0 = p[0];
  if (b0 < 0x80) return {b0, 1};
  const Rune bad{kRuneError, 1};
  if (b0 < 0xC2 || b0 > 0xF4) return bad;
  if (b0 < 0xE0) {
    if (n < 2 || !IsContinuation(p[1])) return bad;
    return {static_cast<char32_t>((b0 & 0x1F) << 6 | (p[1] & 0x3F)), 2};
  }
  // The second byte's range excludes overlong forms, surrogates and values
  // above U+10FFFF.
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 == 0xE0) lo = 0xA0;
  if (b0 == 0xED) hi = 0x9F;
  if (b0 == 0xF0) lo = 0x90;
  if (b0 == 0xF4) hi = 0x8F;
  if (n < 2 || p[1] < lo || p[1] > hi) return bad;
  if (n < 3 || !IsContinuation(p[2])) return bad;
  if (b0 < 0xF0) {
    return {static_cast<char32_t>((b0 & 0x0F) << 12 | (p[1] & 0x3F) << 6 |
                                  (p[2] & 0x3F)),
            3};
  }
  if (n < 4 || !IsContinuation(p[3])) return bad;
  return {static_cast<char32_t>((b0 & 0x07) << 18 | (p[1] & 0x3F) << 12 |
                                (p[2] & 0x3F) << 6 | (p[3] & 0x3F)),
          4};
}

void AppendRune(std::string* out, char32_t r) {
  if ((r >= 0xD800 && r < 0xE000) || r > 0x10FFFF) r = kRuneError;
  if (r < 0x80) {
    out->push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (r >> 6)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (r >> 12)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (r >> 18)));
    out->push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

void AppendLatin1(std::string* out, unsigned char b) { AppendRune(out, b); }

bool IsSpace(char32_t r) {
  switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

bool IsPrint(char32_t r) { return InTable(kPrint, r); }
bool IsLetter(char32_t r) { return InTable(kLetter, r); }
bool IsDigit(char32_t r) { return InTable(kDigit, r); }

char32_t ToLower(char32_t r) {
  if (r < 0x80) return (r >= 'A' && r <= 'Z') ? r + 32 : r;
  auto it = std::upper_bound(
      std::begin(kToLower), std::end(kToLower), r,
      [](char32_t v, const CaseRange& range) { return v < range.lo; });
  if (it == std::begin(kToLower)) return r;
  const CaseRange& range = *std::prev(it);
  if (r > range.hi || (r - range.lo) % range.stride != 0) return r;
  return static_cast<char32_t>(static_cast<int32_t>(r) + range.delta);
}

std::string ToLower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  if (std::all_of(s.begin(), s.end(), [](char c) { return c >= 0; })) {
    for (char c : s) out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return out;
  }
  for (size_t i = 0; i < s.size();) {
    Rune r = DecodeRune(s, i);
    AppendRune(&out, ToLower(r.value));
    i += r.width;
  }
  return out;
}

std::string_view TrimLeftSpace(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    Rune r = DecodeRune(s, i);
    if (!IsSpace(r.value)) break;
    i += r.width;
  }
  return s.substr(i);
}

std::string_view TrimRightSpace(std::string_view s) {
  while (!s.empty()) {
    // Like utf8.DecodeLastRune: back up to the lead byte of the last rune; a
    // sequence that does not end exactly at the end is not a space.
    size_t start = s.size() - 1;
    while (start > 0 && s.size() - start < 4 &&
           IsContinuation(static_cast<unsigned char>(s[start]))) {
      --start;
    }
    Rune r = DecodeRune(s, start);
    if (start + r.width != s.size() || !IsSpace(r.value)) break;
    s.remove_suffix(r.width);
  }
  return s;
}

std::string_view TrimSpace(std::string_view s) {
  return TrimRightSpace(TrimLeftSpace(s));
}

std::string Quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  out.reserve(s.size() + 2);
  for (size_t i = 0; i < s.size();) {
    Rune r = DecodeRune(s, i);
    i += r.width;
    if (r.width == 1 && r.value == kRuneError) {
      const auto b = static_cast<unsigned char>(s[i - 1]);
      out += "\\x";
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 0xF]);
      continue;
    }
    const char32_t c = r.value;
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (IsPrint(c)) {
      AppendRune(&out, c);
    } else if (c == '\a' || c == '\b' || c == '\f' || c == '\n' || c == '\r' ||
               c == '\t' || c == '\v') {
      static constexpr char kLetters[] = "abtnvfr";  // '\a' is 7 .. '\r' is 13
      out.push_back('\\');
      out.push_back(kLetters[c - '\a']);
    } else {
      int digits = c < ' ' || c == 0x7F ? 2 : c < 0x10000 ? 4 : 8;
      out += digits == 2 ? "\\x" : digits == 4 ? "\\u" : "\\U";
      for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
        out.push_back(kHex[(c >> shift) & 0xF]);
      }
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace mybuild::frontend::parser
