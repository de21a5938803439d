// The reading facts of ../shared/conformance/dockerignore/README.md and the
// choice between <Dockerfile>.dockerignore and CONTEXT/.dockerignore.
#include "frontend/ignore/reader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::frontend::ignore {
namespace {

std::vector<std::string> Patterns(std::string_view content) {
  std::vector<std::string> out;
  for (const IgnoreLine& l : ParseIgnoreFile(content)) out.push_back(l.pattern);
  return out;
}

TEST(IgnoreReader, TheReadmeExampleFile) {
  EXPECT_EQ(
      Patterns("test1\n/test2\n/a/file/here\n\nlastfile\n"
               "# this is a comment\n! /inverted/abs/path\n!\n! \n"),
      (std::vector<std::string>{"test1", "test2", "a/file/here", "lastfile",
                                "!inverted/abs/path", "!", "!"}));
}

TEST(IgnoreReader, BomCommentsTrimmingAndLineNumbers) {
  const std::vector<IgnoreLine> lines = ParseIgnoreFile(
      "\xEF\xBB\xBF"
      "a\r\n # not a comment\n#c\n\n  b  \n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].pattern, "a");
  EXPECT_EQ(lines[0].line, 1);
  EXPECT_EQ(lines[1].pattern, "# not a comment");
  EXPECT_EQ(lines[1].line, 2);
  EXPECT_EQ(lines[2].pattern, "b");
  EXPECT_EQ(lines[2].line, 5);
  // A BOM later in the file is not special.
  EXPECT_EQ(Patterns("a\n\xEF\xBB\xBF"
                     "b"),
            (std::vector<std::string>{"a",
                                      "\xEF\xBB\xBF"
                                      "b"}));
}

TEST(IgnoreReader, Cleaning) {
  EXPECT_EQ(Patterns("a//b/./c/\n/\n//x\n./y/..\n!  /z/../w/\n../up\n"),
            (std::vector<std::string>{"a/b/c", "/", "x", ".", "!w", "../up"}));
}

TEST(IgnoreReader, EmptyFileHasNoPatterns) {
  EXPECT_TRUE(ParseIgnoreFile("").empty());
  EXPECT_TRUE(ParseIgnoreFile("\n\n# only comments\n   \n").empty());
}

class IgnoreFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    Expected<TempDir> dir = TempDir::Create();
    ASSERT_TRUE(dir.ok());
    dir_ = std::make_unique<TempDir>(std::move(*dir));
    ASSERT_TRUE(MakeDirs(Path("ctx/build")).ok());
  }
  std::string Path(const std::string& rel) { return dir_->path() + "/" + rel; }
  void Write(const std::string& rel, const std::string& text) {
    ASSERT_TRUE(WriteFileAtomic(Path(rel), text).ok());
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(IgnoreFiles, DockerfileSpecificFileWins) {
  Write("ctx/.dockerignore", "context\n");
  Write("ctx/build/app.Dockerfile.dockerignore", "specific\n");
  const std::string dockerfile = Path("ctx/build/app.Dockerfile");
  Expected<std::optional<std::string>> found =
      FindIgnoreFile(Path("ctx"), dockerfile);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, dockerfile + ".dockerignore");
  Expected<IgnoreRules> rules = LoadIgnoreRules(Path("ctx"), dockerfile);
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_EQ(rules->source, dockerfile + ".dockerignore");
  EXPECT_TRUE(rules->matcher.Excluded("specific"));
  EXPECT_FALSE(rules->matcher.Excluded("context"));  // not merged
}

TEST_F(IgnoreFiles, FallsBackToContextFile) {
  Write("ctx/.dockerignore", "context\n");
  Expected<IgnoreRules> rules =
      LoadIgnoreRules(Path("ctx"), Path("ctx/build/other.Dockerfile"));
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->source, Path("ctx/.dockerignore"));
  EXPECT_TRUE(rules->matcher.Excluded("context/x"));
  rules = LoadIgnoreRules(Path("ctx"), "");  // Dockerfile from stdin
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->source, Path("ctx/.dockerignore"));
}

TEST_F(IgnoreFiles, NoFileExcludesNothing) {
  Expected<IgnoreRules> rules =
      LoadIgnoreRules(Path("ctx"), Path("ctx/Dockerfile"));
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->source, "");
  EXPECT_TRUE(rules->matcher.patterns().empty());
  EXPECT_EQ(*FindIgnoreFile(Path("ctx"), ""), std::nullopt);
}

TEST_F(IgnoreFiles, BadPatternNamesFileAndLine) {
  Write("ctx/.dockerignore", "ok\n\n# c\nsrc/[a-\n");
  EXPECT_EQ(LoadIgnoreRules(Path("ctx"), "").status().message(),
            Path("ctx/.dockerignore") +
                ":4: syntax error in pattern \"src/[a-\": unterminated "
                "character class");
  Write("ctx/.dockerignore", "x\n! \n");
  EXPECT_EQ(LoadIgnoreRules(Path("ctx"), "").status().message(),
            Path("ctx/.dockerignore") + ":2: illegal exclusion pattern: \"!\"");
}

TEST_F(IgnoreFiles, UnreadableFileIsAnError) {
  ASSERT_EQ(::mkdir(Path("ctx/.dockerignore").c_str(), 0755), 0);
  Expected<IgnoreRules> rules = LoadIgnoreRules(Path("ctx"), "");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), ErrorCode::kIo);
  EXPECT_EQ(rules.status().message(),
            "read \"" + Path("ctx/.dockerignore") + "\": Is a directory");
}

}  // namespace
}  // namespace mybuild::frontend::ignore
