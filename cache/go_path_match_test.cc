#include "cache/go_path_match.h"

#include <gtest/gtest.h>

namespace mybuild::cache {
namespace {

enum Want { kNo, kYes, kBad };

struct Case {
  const char* pattern;
  const char* name;
  Want want;
};

// Cases follow Go's documented grammar for path/filepath.Match.
const Case kCases[] = {
    {"abc", "abc", kYes},
    {"", "", kYes},
    {"", "a", kNo},
    {"*", "", kYes},
    {"*", "abc", kYes},
    {"*c", "abc", kYes},
    {"a*", "a", kYes},
    {"a*", "abc", kYes},
    {"*x", "xxx", kYes},
    {"*.txt", ".hidden.txt", kYes},  // a leading '.' is not special
    // '*' and '?' never match '/'.
    {"a*", "ab/c", kNo},
    {"*", "a/b", kNo},
    {"a*b", "a/b", kNo},
    {"a?b", "a/b", kNo},
    {"a*/b", "abc/b", kYes},
    {"a*/b", "a/c/b", kNo},
    {"a*b*c*d*e*/f", "axbxcxdxe/f", kYes},
    {"a*b*c*d*e*/f", "axbxcxdxexxx/f", kYes},
    {"a*b*c*d*e*/f", "axbxcxdxe/xxx/f", kNo},
    {"a*b*c*d*e*/f", "axbxcxdxexxx/fff", kNo},
    {"a*b?c*x", "abxbbxdbxebxczzx", kYes},
    {"a*b?c*x", "abxbbxdbxebxczzy", kNo},
    // Classes and ranges; '^' negates, '!' is an ordinary member.
    {"ab[c]", "abc", kYes},
    {"ab[b-d]", "abc", kYes},
    {"ab[e-g]", "abc", kNo},
    {"ab[^c]", "abc", kNo},
    {"ab[^b-d]", "abc", kNo},
    {"ab[^e-g]", "abc", kYes},
    {"[z-a]", "m", kNo},
    {"[!a]", "!", kYes},
    {"[!a]", "a", kYes},
    {"[!a]", "b", kNo},
    {"[!a]*", "bcd", kNo},
    {"[!a]*", "abc", kYes},
    {"[^a]", "b", kYes},
    {"[^a]*", "bcd", kYes},
    {"[^a]*", "abc", kNo},
    {"a[!]b", "a!b", kYes},
    {"[[:alpha:]]", "a", kNo},  // no POSIX classes: '[' ':' 'a'... then ']'
    {"[[:alpha:]]", "a]", kYes},
    {"[*]", "*", kYes},
    {"[?]", "?", kYes},
    {"[*]", "x", kNo},
    // Escapes, inside classes and out.
    {"a\\*b", "a*b", kYes},
    {"a\\*b", "ab", kNo},
    {"a\\*b", "axb", kNo},
    {"\\[", "[", kYes},
    {"\\a", "a", kYes},
    {"[\\]]", "]", kYes},
    {"[\\]a]", "]", kYes},
    {"[\\-]", "-", kYes},
    {"[x\\-]", "x", kYes},
    {"[x\\-]", "-", kYes},
    {"[x\\-]", "z", kNo},
    {"[\\-x]", "-", kYes},
    {"[\\-x]", "a", kNo},
    // Malformed patterns are errors whatever the name.
    {"[", "a", kBad},
    {"[^", "a", kBad},
    {"[^bc", "a", kBad},
    {"[]", "", kBad},
    {"[]a]", "]", kBad},
    {"[]a]", "a", kBad},
    {"[-]", "-", kBad},
    {"[x-]", "x", kBad},
    {"[x-]", "-", kBad},
    {"[-x]", "x", kBad},
    {"[a-b-c]", "a", kBad},
    {"[a-]", "a", kBad},
    {"[^]", "a", kBad},
    {"\\", "a", kBad},
    {"a\\", "a", kBad},
    {"[\\", "\\", kBad},
    {"a[", "a", kBad},
    {"a[", "x", kBad},  // the mismatch before the class does not hide it
    {"a[", "", kBad},
    {"*[", "abc", kBad},
    {"[\xff]", "x", kBad},  // a class member must be valid UTF-8
    // '?' and classes take one UTF-8 character, not one byte.
    {"a?b", "a\xe2\x98\xba" "b", kYes},
    {"a???b", "a\xe2\x98\xba" "b", kNo},
    {"a[^a]b", "a\xe2\x98\xba" "b", kYes},
    {"a[^a][^a][^a]b", "a\xe2\x98\xba" "b", kNo},
    {"?", "\xc3\xa9", kYes},
    {"??", "\xc3\xa9", kNo},
    {"[a-\xce\xb6]*", "\xce\xb1", kYes},  // [a-ζ]* matches α
    {"*[a-\xce\xb6]", "A", kNo},
    // An undecodable name byte is one character, U+FFFD.
    {"?", "\xff", kYes},
    {"[^a]", "\xff", kYes},
    // '*' steps over bytes, so it may stop inside a character.
    {"*\xa9", "\xc3\xa9", kYes},
};

TEST(GoPathMatchTest, FollowsGoGrammar) {
  for (const Case& c : kCases) {
    Expected<bool> got = GoPathMatch(c.pattern, c.name);
    if (c.want == kBad) {
      ASSERT_FALSE(got.ok()) << c.pattern << " vs " << c.name;
      EXPECT_EQ(got.status().code(), ErrorCode::kInvalidArgument);
      EXPECT_EQ(got.status().message(), "syntax error in pattern");
      EXPECT_FALSE(CheckGoPattern(c.pattern).ok()) << c.pattern;
    } else {
      ASSERT_TRUE(got.ok()) << c.pattern << ": " << got.status().message();
      EXPECT_EQ(*got, c.want == kYes) << c.pattern << " vs " << c.name;
      EXPECT_TRUE(CheckGoPattern(c.pattern).ok()) << c.pattern;
    }
  }
}

TEST(GoPathMatchTest, UnescapedWildcards) {
  EXPECT_TRUE(HasUnescapedWildcard("*.txt"));
  EXPECT_TRUE(HasUnescapedWildcard("a?"));
  EXPECT_TRUE(HasUnescapedWildcard("x[0]"));
  EXPECT_TRUE(HasUnescapedWildcard("a\\\\*"));  // an escaped '\', then '*'
  EXPECT_FALSE(HasUnescapedWildcard("plain.txt"));
  EXPECT_FALSE(HasUnescapedWildcard("a\\*b"));
  EXPECT_FALSE(HasUnescapedWildcard("\\[x]"));
  EXPECT_FALSE(HasUnescapedWildcard("end\\"));
}

}  // namespace
}  // namespace mybuild::cache
