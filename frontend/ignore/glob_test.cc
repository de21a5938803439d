#include "frontend/ignore/glob.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::ignore {
namespace {

TEST(Glob, EmptyGlobMatchesOnlyEmpty) {
  const Glob g;
  EXPECT_TRUE(g.Matches(""));
  EXPECT_FALSE(g.Matches("a"));
  EXPECT_TRUE(g.MayMatchWithPrefix(""));
  EXPECT_FALSE(g.MayMatchWithPrefix("a"));
}

TEST(Glob, DirEntryIsNothingOrRunEndingInSlash) {
  Glob g;  // (.*/)?x
  g.Add(Glob::Op::kDirEntry);
  g.AddLiteral('x');
  EXPECT_TRUE(g.Matches("x"));
  EXPECT_TRUE(g.Matches("a/x"));
  EXPECT_TRUE(g.Matches("a/b/x"));
  EXPECT_TRUE(g.Matches("/x"));
  EXPECT_FALSE(g.Matches("ax"));
  EXPECT_FALSE(g.Matches("a\n/x"));
}

TEST(Glob, SelfOrAncestorChecksEveryDirectoryBoundary) {
  Glob g;  // a?
  g.AddLiteral('a');
  g.Add(Glob::Op::kAnyOne);
  EXPECT_TRUE(g.MatchesSelfOrAncestor("ab"));
  EXPECT_TRUE(g.MatchesSelfOrAncestor("ab/c/d"));
  EXPECT_FALSE(g.MatchesSelfOrAncestor("a/b"));
  EXPECT_FALSE(g.MatchesSelfOrAncestor("abc/d"));
}

TEST(Glob, Classes) {
  Glob g;
  g.AddClass({.negated = true, .ranges = {{'a', 'c'}}});
  EXPECT_TRUE(g.Matches("/"));  // a negated class may match '/'
  EXPECT_TRUE(g.Matches("\xE2\x98\xBA"));
  EXPECT_FALSE(g.Matches("b"));
  EXPECT_TRUE(g.Matches("\xFF"));  // an invalid byte is one rune
}

TEST(Glob, LiteralTailFilterKeepsAncestorMatches) {
  Glob g;  // *.log
  g.Add(Glob::Op::kStar);
  for (char c : std::string(".log")) g.AddLiteral(c);
  EXPECT_TRUE(g.Matches("a.log"));
  EXPECT_FALSE(g.Matches("a.logs"));
  EXPECT_TRUE(g.MatchesSelfOrAncestor("a.log/x/y"));
  EXPECT_TRUE(g.MatchesSelfOrAncestor("x.log.log/y"));
  EXPECT_FALSE(g.MatchesSelfOrAncestor("a.logx/y"));
  EXPECT_FALSE(g.MatchesSelfOrAncestor("a/b.log"));  // '*' stops at '/'
}

TEST(Glob, ReplacementRuneLiteralMatchesInvalidBytes) {
  Glob g;  // *<U+FFFD>x
  g.Add(Glob::Op::kStar);
  g.AddLiteral(0xFFFD);
  g.AddLiteral('x');
  EXPECT_TRUE(g.Matches("a\xFFx"));
  EXPECT_TRUE(g.Matches("a\xEF\xBF\xBDx"));
  EXPECT_TRUE(g.MatchesSelfOrAncestor("\xFEx/y"));
  EXPECT_FALSE(g.Matches("ax"));
}

TEST(Glob, LongPathsAndPatternsStayLinear) {
  Glob g;  // *a*a*a*...*b over a long run of 'a': no backtracking blow-up
  for (int i = 0; i < 30; ++i) {
    g.Add(Glob::Op::kStar);
    g.AddLiteral('a');
  }
  g.AddLiteral('b');
  EXPECT_FALSE(g.Matches(std::string(5000, 'a')));
  EXPECT_TRUE(g.Matches(std::string(5000, 'a') + "b"));
}

}  // namespace
}  // namespace mybuild::frontend::ignore
