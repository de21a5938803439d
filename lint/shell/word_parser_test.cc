#include <gtest/gtest.h>

#include "lint/shell/dump.h"
#include "lint/shell/parser.h"

namespace mybuild::lint::shell {
namespace {

// The first word of the first command of `text`.
Word FirstWord(std::string_view text) {
  Script s = ParseScript(text);
  EXPECT_TRUE(s.errors.empty()) << s.errors[0].message;
  return s.body.items.at(0).pipelines.at(0).commands.at(0).words.at(0);
}

TEST(WordParserTest, ValuesDropQuotesAndKeepExpansions) {
  Word w = FirstWord("'a b'\"c $D\"\\ e${F:-g}$(h)");
  EXPECT_EQ(w.value, "a bc $D e${F:-g}$(h)");
  EXPECT_TRUE(w.quoted);
  EXPECT_TRUE(w.has_expansion);
  EXPECT_EQ(Dump(w), "'a b'\"c $D\"\\ e${F:-g}$[(h)]");
}

TEST(WordParserTest, PlainWordHasNoQuotesOrExpansions) {
  Word w = FirstWord("--no-install-recommends");
  EXPECT_EQ(w.value, "--no-install-recommends");
  EXPECT_FALSE(w.quoted);
  EXPECT_FALSE(w.has_expansion);
  ASSERT_EQ(w.parts.size(), 1u);
  EXPECT_EQ(w.parts[0].kind, WordPart::Kind::kLiteral);
}

TEST(WordParserTest, DoubleQuoteEscapes) {
  EXPECT_EQ(FirstWord(R"("a\"b\$c\\d\e")").value, R"(a"b$c\d\e)");
}

TEST(WordParserTest, SpecialParameters) {
  for (const char* p : {"$1", "$@", "$*", "$#", "$?", "$-", "$$", "$!"}) {
    Word w = FirstWord(p);
    ASSERT_EQ(w.parts.size(), 1u) << p;
    EXPECT_EQ(w.parts[0].kind, WordPart::Kind::kParameter) << p;
    EXPECT_EQ(w.parts[0].text, p);
  }
  Word lone = FirstWord("a$");
  EXPECT_EQ(lone.value, "a$");
  EXPECT_FALSE(lone.has_expansion);
}

TEST(WordParserTest, NestedBracesAndArithmetic) {
  Word w = FirstWord("${A:-${B:-'}'}}x");
  EXPECT_EQ(w.parts[0].text, "${A:-${B:-'}'}}");
  EXPECT_EQ(w.value, "${A:-${B:-'}'}}x");
  Word a = FirstWord("$((1 + (2 * 3)))");
  EXPECT_EQ(a.parts[0].kind, WordPart::Kind::kArithmetic);
  EXPECT_EQ(a.parts[0].text, "$((1 + (2 * 3)))");
}

TEST(WordParserTest, AnsiCQuoting) {
  Word w = FirstWord("$'a\\tb'");
  EXPECT_EQ(w.parts[0].kind, WordPart::Kind::kSingleQuoted);
  EXPECT_EQ(w.value, "a\\tb");
}

TEST(WordParserTest, BackquoteBodyIsUnescapedAndParsed) {
  Word w = FirstWord("`echo \\`date\\``");
  ASSERT_EQ(w.parts.size(), 1u);
  ASSERT_TRUE(w.parts[0].body);
  EXPECT_EQ(Dump(*w.parts[0].body), "(echo $[(date)])");
}

TEST(WordParserTest, UnterminatedDoubleQuote) {
  Script s = ParseScript("echo \"abc");
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].offset, 5u);
  EXPECT_EQ(s.errors[0].message, "unterminated double quote");
  EXPECT_EQ(Dump(s.body), "(echo \"abc\")");
}

TEST(WordParserTest, DeepNestingIsBounded) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "$(";
  text += "x";
  for (int i = 0; i < 100; ++i) text += ")";
  Script s = ParseScript(text);
  ASSERT_FALSE(s.errors.empty());
  EXPECT_EQ(s.errors[0].message, "command substitutions nested too deeply");
}

}  // namespace
}  // namespace mybuild::lint::shell
