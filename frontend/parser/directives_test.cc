#include "frontend/parser/directives.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::parser {
namespace {

TEST(DirectivesTest, MatchesRegexShape) {
  std::optional<Directive> d = MatchDirective("#  EScape = `  ");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->name, "EScape");
  EXPECT_EQ(d->value, "`");
  EXPECT_EQ(MatchDirective("# syntax=docker/dockerfile:1 x")->value,
            "docker/dockerfile:1 x");
  EXPECT_FALSE(MatchDirective("# syntax=").has_value());
  EXPECT_FALSE(MatchDirective("# not a directive").has_value());
  EXPECT_FALSE(MatchDirective("#1a=b").has_value());
  EXPECT_FALSE(MatchDirective("RUN x=y").has_value());
  // Only blanks after '=': the lazy value takes the last blank.
  EXPECT_EQ(MatchDirective("# escape=  ")->value, " ");
}

TEST(DirectivesTest, ScannerStopsAtFirstNonDirective) {
  DirectiveScanner s;
  auto d = s.Feed("# syntax=x", 1);
  ASSERT_TRUE(d.ok() && d->has_value());
  EXPECT_EQ((*d)->name, "syntax");
  EXPECT_EQ((*d)->line, 1);
  d = s.Feed("# check=skip=all", 2);
  ASSERT_TRUE(d.ok() && d->has_value());
  EXPECT_EQ((*d)->value, "skip=all");
  d = s.Feed("# foo=bar", 3);  // unknown name: scanning ends
  EXPECT_TRUE(d.ok() && !d->has_value());
  EXPECT_TRUE(s.done());
  d = s.Feed("# escape=`", 4);
  EXPECT_TRUE(d.ok() && !d->has_value());
}

TEST(DirectivesTest, Errors) {
  DirectiveScanner s;
  ASSERT_TRUE(s.Feed("# syntax=a", 1).ok());
  EXPECT_EQ(s.Feed("# SYNTAX=b", 2).status().message(),
            "only one syntax parser directive can be used");
  DirectiveScanner e;
  EXPECT_EQ(e.Feed("# escape=x", 1).status().message(),
            "invalid escape token 'x' does not match ` or \\");
}

}  // namespace
}  // namespace mybuild::frontend::parser
