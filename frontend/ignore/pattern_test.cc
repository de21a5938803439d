// The pattern facts of ../shared/conformance/dockerignore/README.md (from
// moby/patternmatcher's tests), one assertion each, plus our additions.
#include "frontend/ignore/pattern.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::ignore {
namespace {

bool M(std::string_view pattern, std::string_view path) {
  Expected<Pattern> p = Pattern::Compile(pattern);
  EXPECT_TRUE(p.ok()) << pattern << ": " << p.status().message();
  return p.ok() && p->Matches(path);
}

std::string Err(std::string_view pattern) {
  Expected<Pattern> p = Pattern::Compile(pattern);
  EXPECT_FALSE(p.ok()) << pattern;
  return p.status().message();
}

TEST(IgnorePattern, StarAndQuestionMarkStopAtSlash) {
  EXPECT_TRUE(M("a*", "abc"));
  EXPECT_TRUE(M("a?b", "axb"));
  EXPECT_TRUE(M("a?b",
                "a\xE2\x98\xBA"
                "b"));  // one code point
  EXPECT_FALSE(M("a?b", "a/b"));
  EXPECT_TRUE(M("a*", "ab/c"));  // through the parent "ab"
  EXPECT_TRUE(M("a*/b", "abc/b"));
  EXPECT_FALSE(M("a*/b", "a/c/b"));
  EXPECT_FALSE(M("*", ""));
  EXPECT_TRUE(M("*", "a\nb"));  // unlike `**`, `*` crosses newlines
}

TEST(IgnorePattern, Classes) {
  EXPECT_TRUE(M("a[b-d]e", "ace"));
  EXPECT_FALSE(M("a[b-d]e", "ae"));
  EXPECT_FALSE(M("a[b-d]e", "aae"));
  EXPECT_TRUE(M("a[^b-d]e", "aze"));
  EXPECT_FALSE(M("a[^b-d]e", "ace"));
  EXPECT_TRUE(M("[a-\xCE\xB6]*", "\xCE\xB1"));  // [a-ζ]* matches α
  EXPECT_TRUE(M("[\\]a]", "]"));
  EXPECT_TRUE(M("[\\]a]", "a"));
  EXPECT_TRUE(M("[\\-]", "-"));
  EXPECT_TRUE(M("[*]", "*"));  // a plain member (see pattern.h)
  EXPECT_FALSE(M("[*]", "x"));
}

TEST(IgnorePattern, BadClassesAreErrors) {
  for (const char* bad : {"[]a]", "[-]", "[x-]", "[-x]", "[a-b-c]"}) {
    EXPECT_EQ(Err(bad), std::string("syntax error in pattern \"") + bad +
                            "\": bad character class");
  }
  for (const char* bad : {"[", "[^", "[^bc", "a[", "[\\"}) {
    EXPECT_EQ(Err(bad), std::string("syntax error in pattern \"") + bad +
                            "\": unterminated character class");
  }
  EXPECT_EQ(Err("[z-a]"),
            "syntax error in pattern \"[z-a]\": bad character range z-a");
}

TEST(IgnorePattern, BackslashEscapes) {
  EXPECT_TRUE(M("a\\*b", "a*b"));
  EXPECT_FALSE(M("a\\*b", "ab"));
  EXPECT_FALSE(M("a\\*b", "axb"));
  EXPECT_TRUE(M("a\\\\", "a\\"));
  EXPECT_TRUE(M("a\\db", "adb"));  // a letter, not a regex class
  EXPECT_EQ(Err("a\\"), "syntax error in pattern \"a\\\": trailing backslash");
}

TEST(IgnorePattern, RegexCharactersAreLiteral) {
  EXPECT_FALSE(M("abc.def", "abcdef"));
  EXPECT_FALSE(M("abc.def", "abcZdef"));
  EXPECT_TRUE(M("abc.def", "abc.def"));
  EXPECT_TRUE(M("a(b)c/def", "a(b)c/def"));
  EXPECT_TRUE(M("a.|)$(}+{bc", "a.|)$(}+{bc"));
  EXPECT_TRUE(M("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl",
                "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl"));
  EXPECT_TRUE(M(".*", ".foo"));
  EXPECT_FALSE(M(".*", "foo"));
  EXPECT_TRUE(M("a]b", "a]b"));
}

TEST(IgnorePattern, DoubleStarEverything) {
  for (const char* p : {"**", "**/", "**/**"}) {
    EXPECT_TRUE(M(p, "file")) << p;
    EXPECT_TRUE(M(p, "dir/file")) << p;
    EXPECT_TRUE(M(p, "/")) << p;
    EXPECT_TRUE(M(p, "dir/dir2/file")) << p;
  }
}

TEST(IgnorePattern, DoubleStarDirectories) {
  EXPECT_TRUE(M("dir/**", "dir/file"));
  EXPECT_TRUE(M("dir/**", "dir/dir2/file"));
  EXPECT_FALSE(M("dir/**", "dir"));
  EXPECT_FALSE(M("abc/**", "abc"));
  EXPECT_TRUE(M("abc/**", "abc/def"));
  EXPECT_TRUE(M("**/dir", "dir"));
  EXPECT_TRUE(M("**/dir", "a/dir"));
  EXPECT_TRUE(M("**/dir", "a/b/dir"));
  EXPECT_TRUE(M("**/dir", "dir/file"));  // through the parent
  EXPECT_TRUE(M("**/dir2/*", "dir/dir2/file"));
  EXPECT_TRUE(M("**/dir2/**", "dir/dir2/dir3/file"));
  EXPECT_TRUE(M("**/foo/bar", "foo/bar"));
  EXPECT_TRUE(M("**/foo/bar", "dir/foo/bar"));
  EXPECT_TRUE(M("**/foo/bar", "dir/dir2/foo/bar"));
  EXPECT_TRUE(M("**/.foo", ".foo"));
  EXPECT_FALSE(M("**/.foo", "bar.foo"));
}

TEST(IgnorePattern, DoubleStarFiles) {
  EXPECT_TRUE(M("**file", "file"));
  EXPECT_TRUE(M("**file", "dir/file"));
  EXPECT_TRUE(M("**file", "dir/dir/file"));
  EXPECT_TRUE(M("**file", "myfile"));  // a plain suffix test
  EXPECT_TRUE(M("**/file", "file"));
  EXPECT_TRUE(M("**/file", "dir/file"));
  EXPECT_FALSE(M("**/file", "myfile"));
  EXPECT_TRUE(M("**/file*txt", "dir/dir/file.txt"));
  EXPECT_TRUE(M("**/file*.txt*", "dir/dir/file.txt"));
  EXPECT_FALSE(M("**/**/*.txt2", "dir/dir/file.txt"));
  EXPECT_TRUE(M("**/*.txt", "file.txt"));
  EXPECT_TRUE(M("**/**/*.txt", "file.txt"));
  EXPECT_TRUE(M("a**/*.txt", "a/file.txt"));
  EXPECT_TRUE(M("a**/*.txt", "a/dir/file.txt"));
  EXPECT_TRUE(M("a**/*.txt", "a/dir/dir/file.txt"));
  EXPECT_FALSE(M("a/*.txt", "a/dir/file.txt"));
  EXPECT_TRUE(M("a/*.txt**", "a/file.txt"));
}

TEST(IgnorePattern, DoubleStarDoesNotCrossNewlines) {
  // BuildKit's `**` becomes Go's `.*`, which stops at '\n'.
  EXPECT_FALSE(M("**/*.x", "a\nb/c.x"));
  EXPECT_TRUE(M("**/*.x", "a/b/c.x"));
  EXPECT_TRUE(M("*/*.x", "a\nb/c.x"));
  EXPECT_TRUE(M("**/x", "a\nb/x"));  // a plain suffix test: no regex
  EXPECT_FALSE(M("a/*/**", "a/b/c\nd"));
}

TEST(IgnorePattern, ExceptionsAndCleaning) {
  Expected<Pattern> p = Pattern::Compile("!a//b/./c/../");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->exception());
  EXPECT_EQ(p->text(), "a/b");
  EXPECT_EQ(Err("!"), "illegal exclusion pattern: \"!\"");
  EXPECT_FALSE(M("*.go", "."));
  EXPECT_FALSE(M("**", "."));
  EXPECT_FALSE(M("/abs", "abs"));  // only the reader drops a leading '/'
}

TEST(IgnorePattern, MayMatchUnder) {
  auto may = [](std::string_view pattern, std::string_view dir) {
    return Pattern::Compile(pattern)->MayMatchUnder(dir);
  };
  EXPECT_TRUE(may("a/b/c", "a"));
  EXPECT_TRUE(may("a/b/c", "a/b"));
  EXPECT_FALSE(may("a/b/c", "a/b/c"));
  EXPECT_FALSE(may("a/b/c", "x"));
  EXPECT_FALSE(may("ab", "a"));
  EXPECT_TRUE(may("a/b**", "a"));
  EXPECT_TRUE(may("a**", "a/b"));
  EXPECT_FALSE(may("ab**", "a"));
  EXPECT_TRUE(may("**.md", "anything"));
  EXPECT_TRUE(may("*/keep", "x"));
  EXPECT_FALSE(may("*/keep", "x/y"));
  EXPECT_TRUE(may("**/keep", "x/y"));
  EXPECT_FALSE(may("src/*.go", "docs"));
  EXPECT_TRUE(may("[a-c]/x", "b"));
  EXPECT_FALSE(may("[a-c]/x", "d"));
  EXPECT_TRUE(may("anything", "."));
}

// patternmatcher turns each `**/` into `(.*/)?`: two in a row still match
// zero, one or many directories, and the name after them one level only.
TEST(IgnorePattern, TwoDoubleStarsInARow) {
  const char* p = "e/**/**/*sub/*.txt";
  EXPECT_TRUE(M(p, "e/sub/x.txt"));
  EXPECT_TRUE(M(p, "e/csub/x.txt"));
  EXPECT_TRUE(M(p, "e/a/csub/x.txt"));
  EXPECT_TRUE(M(p, "e/a/b/csub/x.txt"));
  EXPECT_TRUE(M(p, "e/a/b/c/dsub/x.txt"));
  EXPECT_TRUE(M(p, "e/a/b/csub/x.txt/inner"));  // through the parent
  EXPECT_FALSE(M(p, "e/csub/d/x.txt"));
  EXPECT_FALSE(M(p, "e/csub/x.md"));
  EXPECT_FALSE(M(p, "f/csub/x.txt"));
  EXPECT_FALSE(M(p, "ecsub/x.txt"));
  EXPECT_TRUE(M("**/**/x", "x"));
  EXPECT_TRUE(M("**/**/x", "a/b/c/x"));
  EXPECT_FALSE(M("**/**/x", "ax"));
}

}  // namespace
}  // namespace mybuild::frontend::ignore
