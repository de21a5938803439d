#include "frontend/shell/pattern.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::shell {
namespace {

ShellPattern P(std::string_view s) {
  Expected<ShellPattern> p = ShellPattern::Parse(s);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? *p : *ShellPattern::Parse("");
}

TEST(ShellPattern, EscapeErrors) {
  EXPECT_EQ(ShellPattern::Parse("a\\x").status().message(),
            "invalid escape '\\x'");
  EXPECT_EQ(ShellPattern::Parse("\\").status().message(),
            "invalid escape at end of pattern");
  EXPECT_EQ(ShellPattern::Parse("\\\\\\").status().message(),
            "invalid escape at end of pattern");
  EXPECT_TRUE(ShellPattern::Parse("\\*\\?\\\\\\}\\/").ok());
}

TEST(ShellPattern, TrimPrefixShortestAndLongest) {
  EXPECT_EQ(P("*x*y").TrimPrefix("xxyy", false), "y");
  EXPECT_EQ(P("*").TrimPrefix("xxyy", false), "xxyy");
  EXPECT_EQ(P("*").TrimPrefix("xxyy", true), "");
  EXPECT_EQ(P("*x").TrimPrefix("xxyy", true), "yy");
  EXPECT_EQ(P("*x").TrimPrefix("xxyy", false), "xyy");
  EXPECT_EQ(P("").TrimPrefix("xxyy", true), "xxyy");
  EXPECT_EQ(P("?\\?").TrimPrefix("???y", false), "?y");
  EXPECT_EQ(P("z").TrimPrefix("xxyy", false), "xxyy");
  // Regex characters are literal.
  EXPECT_EQ(P("()[]{\\}^$.\\*\\?|\\\\").TrimPrefix("()[]{}^$.*?|\\x", false),
            "x");
}

TEST(ShellPattern, TrimSuffixShortestAndLongest) {
  EXPECT_EQ(P("\\**").TrimSuffix("xx**", true), "xx");
  EXPECT_EQ(P("\\**\\*").TrimSuffix("a***yy*", true), "a");
  EXPECT_EQ(P("\\**\\*").TrimSuffix("a***yy*", false), "a**");
  EXPECT_EQ(P("x").TrimSuffix("xxyy", false), "xxyy");
  EXPECT_EQ(P("y*").TrimSuffix("xxyy", false), "xxy");
  EXPECT_EQ(P("y*").TrimSuffix("xxyy", true), "xx");
  EXPECT_EQ(P(".*").TrimSuffix("file.tar.gz", false), "file.tar");
  EXPECT_EQ(P(".*").TrimSuffix("file.tar.gz", true), "file");
}

TEST(ShellPattern, QuestionMarkIsOneRune) {
  EXPECT_EQ(P("?").TrimPrefix("\xE2\x98\xBA"
                              "b",
                              false),
            "b");
  EXPECT_EQ(P("?").TrimSuffix("a\xE2\x98\xBA", false), "a");
  // An invalid byte is one rune of its own.
  EXPECT_EQ(P("?").TrimPrefix("\xFF"
                              "b",
                              false),
            "b");
}

TEST(ShellPattern, WildcardsStopAtNewline) {
  EXPECT_EQ(P("*").TrimPrefix("ab\ncd", true), "\ncd");
  EXPECT_EQ(P("?").TrimPrefix("\nx", false), "\nx");
}

TEST(ShellPattern, ReplaceFirst) {
  EXPECT_EQ(P("\\*/").ReplaceFirst("/foo*/*/*.txt", "."), "/foo.*/*.txt");
  EXPECT_EQ(P("/tmp").ReplaceFirst("/tmp/tmp/bar.txt", ""), "/tmp/bar.txt");
  EXPECT_EQ(P("/?/").ReplaceFirst("/a/foo/b/c.txt", "/"), "/foo/b/c.txt");
  EXPECT_EQ(P("http://").ReplaceFirst("http://google.de", "https://"),
            "https://google.de");
  EXPECT_EQ(P("").ReplaceFirst("xxyy", "ww"), "wwxxyy");
  EXPECT_EQ(P("o*").ReplaceFirst("foo bar", "0"), "f0");  // longest
  EXPECT_EQ(P("z").ReplaceFirst("xxyy", "ww"), "xxyy");
  EXPECT_EQ(P("x").ReplaceFirst("axa", "$0$$"), "a$0$$a");  // literal
}

TEST(ShellPattern, ReplaceAll) {
  EXPECT_EQ(*P("\\*/").ReplaceAll("/foo*/*/*.txt", "."), "/foo..*.txt");
  EXPECT_EQ(*P("/tmp").ReplaceAll("/tmp/tmp/bar.txt", ""), "/bar.txt");
  EXPECT_EQ(*P("/?/").ReplaceAll("/a/foo/b/c.txt", "/"), "/foo/c.txt");
  EXPECT_EQ(*P("/").ReplaceAll("/tmp/foo.txt", "\\/"), "\\/tmp\\/foo.txt");
  EXPECT_EQ(*P("").ReplaceAll("xxyy", ""), "xxyy");
  // Go inserts at every empty match, but not right after a match.
  EXPECT_EQ(*P("").ReplaceAll("ab", "-"), "-a-b-");
  EXPECT_EQ(*P("*").ReplaceAll("abc", "x"), "x");
  EXPECT_EQ(*P("*").ReplaceAll("ab\ncd", "x"), "x\nx");
}

TEST(ShellPattern, ReplaceAllExpandsGoTemplates) {
  EXPECT_EQ(*P("o").ReplaceAll("foo", "[$0]"), "f[o][o]");
  EXPECT_EQ(*P("o").ReplaceAll("foo", "[${0}]"), "f[o][o]");
  EXPECT_EQ(*P("o").ReplaceAll("foo", "$$"), "f$$");
  EXPECT_EQ(*P("o").ReplaceAll("foo", "<$1$name>"), "f<><>");
  EXPECT_EQ(*P("o").ReplaceAll("foo", "${0"), "f${0${0");  // malformed
  EXPECT_EQ(*P("o").ReplaceAll("foo", "$"), "f$$");
  EXPECT_EQ(*P("o").ReplaceAll("foo", "$-"), "f$-$-");
}

TEST(ShellPattern, ReplaceAllResultIsBounded) {
  EXPECT_EQ(*P("").ReplaceAll("abc", "xy", 11), "xyaxybxycxy");
  EXPECT_EQ(P("").ReplaceAll("abc", "xy", 10).status().message(),
            "result of ${...//...} longer than 10 bytes");
}

TEST(ShellPattern, SearchIsLinear) {
  // Backtracking would take ~n^2 * patterns steps per search here.
  const std::string value(20000, 'a');
  std::string pattern;
  for (int i = 0; i < 20; ++i) pattern += "*a";
  pattern += "b";
  EXPECT_EQ(*P(pattern).ReplaceAll(value, "x"), value);
  EXPECT_EQ(P(pattern).ReplaceFirst(value + "b", "x"), "x");
  EXPECT_EQ(P(pattern).TrimSuffix(value + "b", true), "");
}

}  // namespace
}  // namespace mybuild::frontend::shell
