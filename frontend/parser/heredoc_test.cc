#include "frontend/parser/heredoc.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::parser {
namespace {

std::optional<Heredoc> Word(std::string_view word) {
  Expected<std::optional<Heredoc>> h = ParseHeredocWord(word);
  EXPECT_TRUE(h.ok()) << h.status().message();
  return h.ok() ? *h : std::nullopt;
}

TEST(HeredocTest, RecognisesMarkers) {
  for (const char* w : {"<<EOF", "<<'EOF'", "<<\"EOF\"", "<<-EOF",
                        "<<-'EOF'", "<<-\"EOF\"", "<< EOF", "<<\tEOF",
                        "<<E'O'F"}) {
    std::optional<Heredoc> h = Word(w);
    ASSERT_TRUE(h.has_value()) << w;
    EXPECT_EQ(h->name, "EOF") << w;
  }
  for (const char* w : {"", "EOF", "<<", "<<-", "<EOF", "<<<EOF", "cat<<EOF",
                        "<<one two", "<<''"}) {
    EXPECT_FALSE(Word(w).has_value()) << w;
  }
}

TEST(HeredocTest, ExpandChompAndFd) {
  std::optional<Heredoc> plain = Word("<<eof");
  EXPECT_TRUE(plain->expand);
  EXPECT_FALSE(plain->chomp);
  EXPECT_EQ(plain->fd, 0u);
  EXPECT_TRUE(Word("<<eo\\'f")->expand);  // an escaped quote is no quoting
  EXPECT_EQ(Word("<<eo\\'f")->name, "eo'f");
  EXPECT_FALSE(Word("<<eo'f'")->expand);
  EXPECT_FALSE(Word("<<'e'o\\'f")->expand);
  std::optional<Heredoc> fd = Word("3<<-X");
  EXPECT_EQ(fd->fd, 3u);
  EXPECT_TRUE(fd->chomp);
  EXPECT_EQ(Word("<<'one two'")->name, "one two");
}

TEST(HeredocTest, InvalidDelimiterIsAnError) {
  for (const char* w : {"<<'EOF", "<<\"EOF", "<<EOF'", "<<EOF\""}) {
    EXPECT_FALSE(ParseHeredocWord(w).ok()) << w;
  }
}

TEST(HeredocTest, FromLine) {
  auto names = [](std::string_view line) {
    std::vector<std::string> out;
    Expected<std::vector<Heredoc>> docs = HeredocsFromLine(line);
    EXPECT_TRUE(docs.ok());
    for (const Heredoc& h : *docs) out.push_back(h.name);
    return out;
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(names("RUN <<EOF"), Names{"EOF"});
  EXPECT_EQ(names("RUN 4<<EOF"), Names{"EOF"});
  EXPECT_EQ(names("COPY <<A <<B /dest"), (Names{"A", "B"}));
  EXPECT_EQ(names("RUN cat << 'EOF' > /x"), Names{"EOF"});
  EXPECT_EQ(names("RUN '<<EOF'"), Names{});
  EXPECT_EQ(names("RUN \"<<EOF\""), Names{});
  EXPECT_EQ(names("RUN <<EOF 'unterminated"), Names{});  // line fails to lex
}

}  // namespace
}  // namespace mybuild::frontend::parser
