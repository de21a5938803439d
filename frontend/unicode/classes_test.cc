#include "frontend/unicode/classes.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::unicode {
namespace {

TEST(ClassesTest, ClassesFollowGo) {
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

TEST(ClassesTest, Categories) {
  EXPECT_TRUE(IsPrint(' '));
  EXPECT_FALSE(IsPrint(0x3000));  // ideographic space is not printable
  EXPECT_TRUE(IsLetter(0x00E9));
  EXPECT_FALSE(IsLetter('1'));
  EXPECT_TRUE(IsDigit(0x0663));  // ARABIC-INDIC DIGIT THREE
}

TEST(ClassesTest, PrintableEdges) {
  EXPECT_TRUE(IsPrint('~'));
  EXPECT_FALSE(IsPrint('\t'));
  EXPECT_FALSE(IsPrint(0x7F));
  EXPECT_FALSE(IsPrint(0xA0));      // no-break space is Zs
  EXPECT_TRUE(IsPrint(0x301));      // combining acute accent is Mn
  EXPECT_FALSE(IsPrint(0xF0000));   // private use
  EXPECT_FALSE(IsPrint(0x110000));  // not a code point
  EXPECT_FALSE(IsLetter(0x110000));
}

TEST(ClassesTest, ToLowerUsesSimpleMappings) {
  EXPECT_EQ(ToLower('A'), U'a');
  EXPECT_EQ(ToLower('a'), U'a');
  EXPECT_EQ(ToLower('['), U'[');
  EXPECT_EQ(ToLower(0xC9), 0xE9u);        // É
  EXPECT_EQ(ToLower(0x100), 0x101u);      // Ā, in a range of every 2nd
  EXPECT_EQ(ToLower(0x101), 0x101u);      // ā, between two of that range
  EXPECT_EQ(ToLower(0x130), U'i');        // İ: the simple mapping only
  EXPECT_EQ(ToLower(0x212A), U'k');       // KELVIN SIGN
  EXPECT_EQ(ToLower(0x10400), 0x10428u);  // DESERET CAPITAL LONG I
  EXPECT_EQ(ToLower(0x263A), 0x263Au);
}

}  // namespace
}  // namespace mybuild::frontend::unicode
