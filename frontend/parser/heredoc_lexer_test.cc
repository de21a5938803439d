#include "frontend/parser/heredoc_lexer.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::parser {
namespace {

using Words = std::vector<std::string>;

Words Raw(std::string_view text) {
  Expected<Words> w = LexWords(text, {.raw_quotes = true, .raw_escapes = true});
  EXPECT_TRUE(w.ok()) << w.status().message();
  return w.ok() ? *w : Words{};
}

TEST(HeredocLexerTest, KeepsQuotesAndEscapesWhenRaw) {
  EXPECT_EQ(Raw("RUN 'a b' \"c d\" e\\ f"),
            (Words{"RUN", "'a b'", "\"c d\"", "e\\ f"}));
  EXPECT_EQ(Raw("cat<<EOF << X <<-Y 3<<Z"),
            (Words{"cat<<EOF", "<< X", "<<-Y", "3<<Z"}));
  EXPECT_EQ(Raw("a $HOME ${X:-y z} ${A/b/c}"),
            (Words{"a", "$HOME", "${X:-y", "z}", "${A/b/c}"}));
}

TEST(HeredocLexerTest, RemovesQuotesWhenNotRaw) {
  Expected<Words> w = LexWords("'E O'\"F\"\\'", {});
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(*w, (Words{"E OF'"}));
}

TEST(HeredocLexerTest, Errors) {
  EXPECT_EQ(LexWords("'open", {}).status().message(),
            "unexpected end of statement while looking for matching "
            "single-quote");
  EXPECT_EQ(LexWords("\"open", {}).status().message(),
            "unexpected end of statement while looking for matching "
            "double-quote");
  EXPECT_EQ(LexWords("${}", {}).status().message(),
            "syntax error: bad substitution");
  EXPECT_EQ(LexWords("${X", {}).status().message(),
            "unsupported modifier (\xEF\xBF\xBD) in substitution");
  EXPECT_EQ(LexWords("${X:-abc", {}).status().message(),
            "syntax error: missing '}'");
  EXPECT_EQ(LexWords("${X!}", {}).status().message(),
            "unsupported modifier (!) in substitution");
}

}  // namespace
}  // namespace mybuild::frontend::parser
