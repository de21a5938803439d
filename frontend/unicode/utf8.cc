#include "frontend/unicode/utf8.h"

namespace mybuild::frontend::unicode {
namespace {

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
  // above U+10FFFF (Go's "accept ranges").
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

}  // namespace mybuild::frontend::unicode
