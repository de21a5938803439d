#include "frontend/unicode/utf8.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::unicode {
namespace {

std::u32string DecodeAll(std::string_view s) {
  std::u32string out;
  for (size_t pos = 0; pos < s.size();) out.push_back(NextRune(s, &pos));
  return out;
}

TEST(Utf8Test, DecodesValidSequences) {
  EXPECT_EQ(DecodeAll("a\xC3\xA9\xE2\x98\xBA\xF0\x9F\x9A\x80"),
            (std::u32string{'a', 0xE9, 0x263A, 0x1F680}));
}

TEST(Utf8Test, InvalidBytesBecomeOneReplacementEach) {
  // Lone continuation, truncated, overlong, surrogate, beyond U+10FFFF.
  EXPECT_EQ(DecodeAll("\x80"), U"\uFFFD");
  EXPECT_EQ(DecodeAll("\xE2\x98"), U"\uFFFD\uFFFD");
  EXPECT_EQ(DecodeAll("\xC0\xAF"), U"\uFFFD\uFFFD");
  EXPECT_EQ(DecodeAll("\xE0\x80\xAF"), U"\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(DecodeAll("\xED\xA0\x80"), U"\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(DecodeAll("\xF4\x90\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(DecodeAll("\xE2x"), U"\uFFFDx");
}

TEST(Utf8Test, DecodeRuneRejectsInvalidSequences) {
  EXPECT_EQ(DecodeRune("\xC0\x80", 0).width, 1);               // overlong
  EXPECT_EQ(DecodeRune("\xED\xA0\x80", 0).value, kRuneError);  // surrogate
  EXPECT_EQ(DecodeRune("\xF4\x90\x80\x80", 0).width, 1);       // > U+10FFFF
  EXPECT_EQ(DecodeRune("\xE2\x98", 0).width, 1);               // truncated
  Rune snowman = DecodeRune("\xE2\x98\x83", 0);
  EXPECT_EQ(snowman.value, 0x2603u);
  EXPECT_EQ(snowman.width, 3);
}

TEST(Utf8Test, RealReplacementCharacterIsThreeBytes) {
  Rune r = DecodeRune("x\xEF\xBF\xBD", 1);
  EXPECT_EQ(r.value, kRuneError);
  EXPECT_EQ(r.width, 3);
  // The largest code point and the edges of the 2/3/4-byte ranges.
  EXPECT_EQ(DecodeAll("\xF4\x8F\xBF\xBF\xC2\x80\xDF\xBF\xE0\xA0\x80"),
            (std::u32string{0x10FFFF, 0x80, 0x7FF, 0x800}));
}

TEST(Utf8Test, AppendRuneEncodes) {
  std::string s;
  for (char32_t r : {U'a', U'\u00E9', U'\u263A', U'\U0001F680'}) {
    AppendRune(&s, r);
  }
  EXPECT_EQ(s, "a\xC3\xA9\xE2\x98\xBA\xF0\x9F\x9A\x80");
  std::string bad;
  AppendRune(&bad, 0xD800);
  AppendRune(&bad, 0x110000);
  EXPECT_EQ(bad, "\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace mybuild::frontend::unicode
