// The evaluation facts of ../shared/conformance/dockerignore/README.md.
#include "frontend/ignore/matcher.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::ignore {
namespace {

bool Excluded(const std::vector<std::string>& patterns, std::string_view path) {
  Expected<Matcher> m = Matcher::Create(patterns);
  EXPECT_TRUE(m.ok()) << m.status().message();
  return m.ok() && m->Excluded(path);
}

TEST(IgnoreMatcher, LastMatchWins) {
  EXPECT_FALSE(Excluded({"*.go", "!fileutils.go"}, "fileutils.go"));
  EXPECT_TRUE(Excluded({"!fileutils.go", "*.go"}, "fileutils.go"));
  EXPECT_TRUE(Excluded({"*.go", "!fileutils.go"}, "main.go"));
}

TEST(IgnoreMatcher, ExceptionInsideExcludedDirectory) {
  EXPECT_FALSE(Excluded({"docs", "!docs/README.md"}, "docs/README.md"));
  EXPECT_FALSE(Excluded({"docs/", "!docs/README.md"}, "docs/README.md"));
  EXPECT_FALSE(Excluded({"docs/*", "!docs/README.md"}, "docs/README.md"));
  EXPECT_TRUE(Excluded({"docs", "!docs/README.md"}, "docs/other.md"));
  EXPECT_TRUE(Excluded({"docs", "!docs/README.md"}, "docs"));
}

TEST(IgnoreMatcher, ExceptionCoversItsSubtreeUntilExcludedAgain) {
  const std::vector<std::string> p = {"**", "!util/docker/web"};
  EXPECT_FALSE(Excluded(p, "util/docker/web/foo"));
  EXPECT_TRUE(Excluded(p, "util/docker/other"));
  std::vector<std::string> again = p;
  again.push_back("util/docker/web/foo");
  EXPECT_TRUE(Excluded(again, "util/docker/web/foo"));
  EXPECT_FALSE(Excluded(again, "util/docker/web/bar"));
}

TEST(IgnoreMatcher, ParentRule) {
  EXPECT_TRUE(Excluded({"docs"}, "docs/README.md"));
  EXPECT_TRUE(Excluded({"docs"}, "docs/a/b/c"));
  EXPECT_FALSE(Excluded({"docs"}, "docsy"));
  EXPECT_TRUE(Excluded({"**/dir"}, "dir/file"));
  EXPECT_FALSE(Excluded({"abc/**"}, "abc"));
  EXPECT_TRUE(Excluded({"abc/**"}, "abc/def"));
  EXPECT_TRUE(Excluded({"a?c"}, "abc/x/y"));
}

TEST(IgnoreMatcher, RootAndEmptyMatchNothing) {
  EXPECT_FALSE(Excluded({"*.go"}, "."));
  EXPECT_FALSE(Excluded({"**"}, "."));
  EXPECT_FALSE(Excluded({"**"}, ""));
  EXPECT_FALSE(Excluded({}, "anything"));
  EXPECT_FALSE(Matcher().Excluded("anything"));
}

TEST(IgnoreMatcher, WhitespaceTrimmedAndEmptyPatternsDropped) {
  Expected<Matcher> m = Matcher::Create({"docs", "config", ""});
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->patterns().size(), 2u);
  m = Matcher::Create({"  docs \t", " ", "\xC2\xA0"});
  ASSERT_TRUE(m.ok());
  ASSERT_EQ(m->patterns().size(), 1u);
  EXPECT_EQ(m->patterns()[0].text(), "docs");
  EXPECT_TRUE(m->Excluded("docs"));
}

TEST(IgnoreMatcher, MalformedPatternIsAnError) {
  EXPECT_EQ(Matcher::Create({"ok", "["}).status().message(),
            "syntax error in pattern \"[\": unterminated character class");
  EXPECT_EQ(Matcher::Create({"!"}).status().message(),
            "illegal exclusion pattern: \"!\"");
}

TEST(IgnoreMatcher, MayReincludeUnder) {
  Expected<Matcher> m =
      Matcher::Create({"node_modules", "build", "!build/keep.txt", "*.log"});
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->HasExceptions());
  EXPECT_FALSE(m->MayReincludeUnder("node_modules"));
  EXPECT_TRUE(m->MayReincludeUnder("build"));
  EXPECT_FALSE(m->MayReincludeUnder("build/sub"));
  // An exception before every ordinary pattern can never re-include.
  m = Matcher::Create({"!keep/x", "keep"});
  ASSERT_TRUE(m.ok());
  EXPECT_TRUE(m->HasExceptions());
  EXPECT_FALSE(m->MayReincludeUnder("keep"));
  m = Matcher::Create({"a"});
  EXPECT_FALSE(m->HasExceptions());
  EXPECT_FALSE(m->MayReincludeUnder("a"));
}

}  // namespace
}  // namespace mybuild::frontend::ignore
