#include "frontend/unicode/go_strings.h"

#include <algorithm>

#include "frontend/unicode/classes.h"
#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::unicode {
namespace {

constexpr char kHex[] = "0123456789abcdef";

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// strconv's escape for a rune that is not printable.
void AppendEscaped(std::string* out, char32_t c) {
  if (c == '\a' || c == '\b' || c == '\f' || c == '\n' || c == '\r' ||
      c == '\t' || c == '\v') {
    static constexpr char kLetters[] = "abtnvfr";  // '\a' is 7 .. '\r' is 13
    out->push_back('\\');
    out->push_back(kLetters[c - '\a']);
    return;
  }
  const int digits = c < ' ' || c == 0x7F ? 2 : c < 0x10000 ? 4 : 8;
  *out += digits == 2 ? "\\x" : digits == 4 ? "\\u" : "\\U";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    out->push_back(kHex[(c >> shift) & 0xF]);
  }
}

}  // namespace

std::string ToLower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  if (std::all_of(s.begin(), s.end(), [](char c) { return c >= 0; })) {
    for (char c : s) out.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return out;
  }
  for (size_t i = 0; i < s.size();) AppendRune(&out, ToLower(NextRune(s, &i)));
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
    // Like utf8.DecodeLastRune: back up (at most 3 bytes) to the lead byte
    // of the last rune; a sequence that does not end exactly at the end is
    // an invalid byte, not a space.
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
  std::string out = "\"";
  out.reserve(s.size() + 2);
  for (size_t i = 0; i < s.size();) {
    const Rune r = DecodeRune(s, i);
    i += r.width;
    if (r.width == 1 && r.value == kRuneError) {
      const auto b = static_cast<unsigned char>(s[i - 1]);
      out += "\\x";
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 0xF]);
    } else if (r.value == '"' || r.value == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(r.value));
    } else if (IsPrint(r.value)) {
      AppendRune(&out, r.value);
    } else {
      AppendEscaped(&out, r.value);
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace mybuild::frontend::unicode
