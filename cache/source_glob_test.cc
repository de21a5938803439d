#include "cache/source_glob.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <memory>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::cache {
namespace {

using Names = std::vector<std::string>;

// A context whose names tell fnmatch(3), which this matcher replaced, from
// Go's filepath.Match.
class SourceGlobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    for (const char* f : {"!x", "]", "a]", "a*b", "a\\*b", "ab", "abc", "bcd",
                          "x.txt", "\xc3\xa9", "sub/y.txt"}) {
      ASSERT_TRUE(MakeDirs(dir_->path() + "/sub").ok());
      ASSERT_TRUE(WriteFileAtomic(dir_->path() + "/" + f, f).ok());
    }
    ASSERT_EQ(::symlink("sub", (dir_->path() + "/link").c_str()), 0);
  }
  Names Expand(const std::string& pattern,
               std::function<bool(const std::string&)> excluded = nullptr) {
    auto r = ExpandSource(dir_->path(), pattern, excluded);
    EXPECT_TRUE(r.ok()) << pattern << ": " << r.status().message();
    return r.ok() ? *r : Names{"<error>"};
  }
  std::string Error(const std::string& pattern) {
    auto r = ExpandSource(dir_->path(), pattern, nullptr);
    EXPECT_FALSE(r.ok()) << pattern;
    return r.ok() ? "<ok>" : r.status().message();
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(SourceGlobTest, BangIsAMemberNotANegation) {
  // fnmatch read [!a] as "not a" and gave "]", "bcd", "link", ...
  EXPECT_EQ(Expand("[!a]*"), (Names{"!x", "a*b", "a\\*b", "a]", "ab", "abc"}));
  EXPECT_EQ(Expand("[^a]??"), (Names{"bcd", "sub"}));
}

TEST_F(SourceGlobTest, QuestionMarkIsOneCharacter) {
  // fnmatch, in the C locale, took one byte: "é" is two.
  EXPECT_EQ(Expand("?"), (Names{"]", "\xc3\xa9"}));
}

TEST_F(SourceGlobTest, EscapesAndLiteralPaths) {
  EXPECT_EQ(Expand("?\\*b"), (Names{"a*b"}));
  EXPECT_EQ(Expand("[a]\\]"), (Names{"a]"}));
  // No unescaped wildcard: the path itself, backslash included (BuildKit).
  EXPECT_EQ(Expand("a\\*b"), (Names{"a\\*b"}));
}

TEST_F(SourceGlobTest, BadPatternsAreErrors) {
  // fnmatch matched these literally (or not at all) without a word.
  EXPECT_EQ(Error("[]a]"), "COPY failed: syntax error in pattern: \"[]a]\"");
  EXPECT_EQ(Error("a["), "COPY failed: syntax error in pattern: \"a[\"");
  EXPECT_EQ(Error("[a-]"), "COPY failed: syntax error in pattern: \"[a-]\"");
  // Even where an earlier component matches nothing.
  EXPECT_EQ(Error("none*/x["),
            "COPY failed: syntax error in pattern: \"none*/x[\"");
  EXPECT_EQ(ExpandSource(dir_->path(), "a[", nullptr).status().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(Error("../*"),
            "COPY failed: forbidden path outside the build context: ../*");
}

TEST_F(SourceGlobTest, SymlinksAreNotListedThroughBelowAWildcard) {
  EXPECT_EQ(Expand("*/y.txt"), (Names{"sub/y.txt"}));
  EXPECT_EQ(Expand("l*"), (Names{"link"}));
  EXPECT_EQ(Expand("link/*"), (Names{"link/y.txt"}));  // literal prefix
}

TEST_F(SourceGlobTest, StarStopsAtSlashAndExclusionsApply) {
  EXPECT_EQ(Expand("*.txt"), (Names{"x.txt"}));
  EXPECT_EQ(Expand("./sub/../*.txt/"), (Names{"x.txt"}));
  EXPECT_EQ(Expand("ab*", [](const std::string& p) { return p == "ab"; }),
            (Names{"abc"}));
  EXPECT_EQ(Expand("nothing*"), Names{});
}

}  // namespace
}  // namespace mybuild::cache
