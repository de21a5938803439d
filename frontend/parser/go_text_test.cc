#include "frontend/parser/go_text.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::parser {
namespace {

TEST(GoTextTest, QuoteMatchesStrconvQuote) {
  EXPECT_EQ(Quote(""), "\"\"");
  EXPECT_EQ(Quote("a \"b\" \\c"), R"("a \"b\" \\c")");
  EXPECT_EQ(Quote(std::string("\a\b\f\n\r\t\v\0\x7f", 9)),
            R"("\a\b\f\n\r\t\v\x00\x7f")");
  EXPECT_EQ(Quote("☃ 안녕 ♥"), "\"☃ 안녕 ♥\"");
  // Non-printable code points: NBSP, zero-width space, a private-use
  // character above the BMP; invalid bytes are escaped one by one.
  EXPECT_EQ(Quote("\xC2\xA0\xE2\x80\x8B\xF3\xB0\x80\x80"),
            R"("\u00a0\u200b\U000f0000")");
  EXPECT_EQ(Quote("\xff\xC3"), R"("\xff\xc3")");
  EXPECT_EQ(Quote("\xEF\xBF\xBD"), "\"\xEF\xBF\xBD\"");  // a real U+FFFD
}

TEST(GoTextTest, DecodeRuneRejectsInvalidSequences) {
  EXPECT_EQ(DecodeRune("\xC0\x80", 0).width, 1);           // overlong
  EXPECT_EQ(DecodeRune("\xED\xA0\x80", 0).value, kRuneError);  // surrogate
  EXPECT_EQ(DecodeRune("\xF4\x90\x80\x80", 0).width, 1);   // > U+10FFFF
  EXPECT_EQ(DecodeRune("\xE2\x98", 0).width, 1);           // truncated
  Rune snowman = DecodeRune("\xE2\x98\x83", 0);
  EXPECT_EQ(snowman.value, 0x2603u);
  EXPECT_EQ(snowman.width, 3);
}

TEST(GoTextTest, SpaceAndTrim) {
  EXPECT_TRUE(IsSpace(0x85));
  EXPECT_TRUE(IsSpace(0x3000));
  EXPECT_FALSE(IsSpace(0x200B));
  EXPECT_EQ(TrimSpace("\xC2\xA0 \t a b \r\xE3\x80\x80"), "a b");
  // A lone continuation byte at the end is not a space.
  EXPECT_EQ(TrimRightSpace("a\x80 "), "a\x80");
  EXPECT_EQ(TrimLeftSpace("\v\fx "), "x ");
}

TEST(GoTextTest, ToLowerIsUnicodeAware) {
  EXPECT_EQ(ToLower("RUN"), "run");
  EXPECT_EQ(ToLower("ÉCOLE"), "école");
  // The Kelvin sign lower-cases to an ASCII k, as in Go.
  EXPECT_EQ(ToLower("HEALTHCHEC\xE2\x84\xAA"), "healthcheck");
  EXPECT_EQ(ToLower("A\xFF"), "a\xEF\xBF\xBD");  // invalid byte -> U+FFFD
}

TEST(GoTextTest, Categories) {
  EXPECT_TRUE(IsPrint(' '));
  EXPECT_FALSE(IsPrint(0x3000));  // ideographic space is not printable
  EXPECT_TRUE(IsLetter(0x00E9));
  EXPECT_FALSE(IsLetter('1'));
  EXPECT_TRUE(IsDigit(0x0663));  // ARABIC-INDIC DIGIT THREE
}

}  // namespace
}  // namespace mybuild::frontend::parser
