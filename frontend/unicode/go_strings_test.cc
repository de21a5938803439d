#include "frontend/unicode/go_strings.h"

#include <gtest/gtest.h>

#include "frontend/unicode/classes.h"

namespace mybuild::frontend::unicode {
namespace {

TEST(GoStringsTest, QuoteMatchesStrconvQuote) {
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

TEST(GoStringsTest, SpaceAndTrim) {
  EXPECT_TRUE(IsSpace(0x85));
  EXPECT_TRUE(IsSpace(0x3000));
  EXPECT_FALSE(IsSpace(0x200B));
  EXPECT_EQ(TrimSpace("\xC2\xA0 \t a b \r\xE3\x80\x80"), "a b");
  // A lone continuation byte at the end is not a space.
  EXPECT_EQ(TrimRightSpace("a\x80 "), "a\x80");
  EXPECT_EQ(TrimLeftSpace("\v\fx "), "x ");
}

TEST(GoStringsTest, TrimSpaceTrimsUnicodeSpace) {
  EXPECT_EQ(TrimSpace(" \t a b \xC2\xA0\n"), "a b");
  EXPECT_EQ(TrimSpace("\xE3\x80\x80"), "");
  EXPECT_EQ(TrimSpace(""), "");
  EXPECT_EQ(TrimSpace("\x80 "), "\x80");
}

TEST(GoStringsTest, TrimRightDecodesFromTheEnd) {
  // U+2000 (E2 80 80) after a truncated lead: the space is trimmed, the
  // stray bytes before it are not.
  EXPECT_EQ(TrimRightSpace("\xE2\x80\xE2\x80\x80"), "\xE2\x80");
  // Four continuation bytes are not one rune: nothing is trimmed.
  EXPECT_EQ(TrimRightSpace("\xE2\x80\x80\x80\x80"), "\xE2\x80\x80\x80\x80");
}

TEST(GoStringsTest, ToLowerIsUnicodeAware) {
  EXPECT_EQ(ToLower("RUN"), "run");
  EXPECT_EQ(ToLower("ÉCOLE"), "école");
  // The Kelvin sign lower-cases to an ASCII k, as in Go.
  EXPECT_EQ(ToLower("HEALTHCHEC\xE2\x84\xAA"), "healthcheck");
  EXPECT_EQ(ToLower("A\xFF"), "a\xEF\xBF\xBD");  // invalid byte -> U+FFFD
}

}  // namespace
}  // namespace mybuild::frontend::unicode
