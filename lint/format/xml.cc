#include "lint/format/xml.h"

#include <cctype>

namespace mybuild::lint::format {
namespace {

// Decodes one UTF-8 character at s[*i], advancing *i; U+FFFD when invalid.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = s[*i];
  int len = c < 0x80         ? 1
            : (c >> 5) == 6  ? 2
            : (c >> 4) == 14 ? 3
            : (c >> 3) == 30 ? 4
                             : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  uint32_t cp = len == 1 ? c : c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = s[*i + k];
    if ((cc >> 6) != 2) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *i += len;
  return cp;
}

}  // namespace

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp = NextCodePoint(s, &i);
    if (cp < 0x80 && (std::isalnum(static_cast<int>(cp)) ||
                      std::string_view(" ./-_:,").find(static_cast<char>(cp)) !=
                          std::string_view::npos)) {
      out += static_cast<char>(cp);
    } else if (cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r') {
      out += "&#" + std::to_string(cp) + ";";
    }
  }
  return out;
}

}  // namespace mybuild::lint::format
