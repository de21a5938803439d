#include "frontend/shell/unicode.h"

#include <algorithm>
#include <iterator>

namespace mybuild::frontend::shell {
namespace {

struct RuneRange {
  char32_t lo;
  char32_t hi;
};

#include "frontend/shell/unicode_tables.inc"

template <size_t N>
bool InTable(const RuneRange (&table)[N], char32_t r) {
  auto it = std::upper_bound(
      std::begin(table), std::end(table), r,
      [](char32_t v, const RuneRange& range) { return v < range.lo; });
  return it != std::begin(table) && r <= std::prev(it)->hi;
}

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace

char32_t DecodeRune(std::string_view s, size_t* pos) {
  const auto b0 = static_cast<unsigned char>(s[*pos]);
  if (b0 < 0x80) {
    ++*pos;
    return b0;
  }
  size_t len = 0;
  char32_t r = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, r = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, r = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, r = b0 & 0x07, min = 0x10000;
  }
  if (len == 0 || *pos + len > s.size()) {
    ++*pos;
    return kReplacementRune;
  }
  for (size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[*pos + i]);
    if (!IsContinuation(b)) {
      ++*pos;
      return kReplacementRune;
    }
    r = (r << 6) | (b & 0x3F);
  }
  if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) {
    ++*pos;
    return kReplacementRune;
  }
  *pos += len;
  return r;
}

void AppendRune(std::string* out, char32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = kReplacementRune;
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

bool IsSpace(char32_t r) {
  switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return true;
    default:
      return r >= 0x2000 && r <= 0x200A;
  }
}

bool IsLetter(char32_t r) {
  if (r < 0x80) return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
  return InTable(kLetters, r);
}

bool IsDigit(char32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return InTable(kDigits, r);
}

std::string_view TrimSpace(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size()) {
    size_t next = begin;
    if (!IsSpace(DecodeRune(s, &next))) break;
    begin = next;
  }
  size_t end = begin;  // one past the last non-space rune
  for (size_t pos = begin; pos < s.size();) {
    if (!IsSpace(DecodeRune(s, &pos))) end = pos;
  }
  return s.substr(begin, end - begin);
}

}  // namespace mybuild::frontend::shell
