#include "frontend/shell/unicode.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::shell {
namespace {

std::u32string DecodeAll(std::string_view s) {
  std::u32string out;
  for (size_t pos = 0; pos < s.size();) out.push_back(DecodeRune(s, &pos));
  return out;
}

TEST(Unicode, DecodesValidSequences) {
  EXPECT_EQ(DecodeAll("a\xC3\xA9\xE2\x98\xBA\xF0\x9F\x9A\x80"),
            (std::u32string{'a', 0xE9, 0x263A, 0x1F680}));
}

TEST(Unicode, InvalidBytesBecomeOneReplacementEach) {
  // Lone continuation, truncated, overlong, surrogate, beyond U+10FFFF.
  EXPECT_EQ(DecodeAll("\x80"), U"\uFFFD");
  EXPECT_EQ(DecodeAll("\xE2\x98"), U"\uFFFD\uFFFD");
  EXPECT_EQ(DecodeAll("\xC0\xAF"), U"\uFFFD\uFFFD");
  EXPECT_EQ(DecodeAll("\xE0\x80\xAF"), U"\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(DecodeAll("\xED\xA0\x80"), U"\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(DecodeAll("\xF4\x90\x80\x80"), U"\uFFFD\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(DecodeAll("\xE2x"), U"\uFFFDx");
}

TEST(Unicode, AppendRuneEncodes) {
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

TEST(Unicode, ClassesFollowGo) {
  EXPECT_TRUE(IsLetter('a'));
  EXPECT_TRUE(IsLetter('Z'));
  EXPECT_FALSE(IsLetter('_'));
  EXPECT_FALSE(IsLetter('['));
  EXPECT_FALSE(IsLetter('`'));
  EXPECT_TRUE(IsLetter(0xD55C));   // 한
  EXPECT_TRUE(IsLetter(0x3B1));    // α
  EXPECT_FALSE(IsLetter(0x263A));  // ☺
  EXPECT_TRUE(IsDigit('7'));
  EXPECT_TRUE(IsDigit(0x663));  // Arabic-Indic three
  EXPECT_FALSE(IsDigit(0xB2));  // superscript two is No, not Nd
  EXPECT_FALSE(IsLetter(0x663));
  for (char32_t r : {U'\t', U'\n', U'\v', U'\f', U'\r', U' ', U'\u0085',
                     U'\u00A0', U'\u2000', U'\u200A', U'\u3000'}) {
    EXPECT_TRUE(IsSpace(r)) << static_cast<int>(r);
  }
  EXPECT_FALSE(IsSpace(0x200B));  // zero width space is not White_Space
  EXPECT_FALSE(IsSpace('x'));
}

TEST(Unicode, TrimSpaceTrimsUnicodeSpace) {
  EXPECT_EQ(TrimSpace(" \t a b \xC2\xA0\n"), "a b");
  EXPECT_EQ(TrimSpace("\xE3\x80\x80"), "");
  EXPECT_EQ(TrimSpace(""), "");
  EXPECT_EQ(TrimSpace("\x80 "), "\x80");
}

}  // namespace
}  // namespace mybuild::frontend::shell
