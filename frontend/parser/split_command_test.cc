#include "frontend/parser/split_command.h"

#include <gtest/gtest.h>

namespace mybuild::frontend::parser {
namespace {

using Strings = std::vector<std::string>;

TEST(SplitCommandTest, KeywordFlagsRest) {
  SplitLine s = SplitCommand("  COPY --from=build --chown=1:1  a b  ");
  EXPECT_EQ(s.keyword, "copy");
  EXPECT_EQ(s.flags, (Strings{"--from=build", "--chown=1:1"}));
  EXPECT_EQ(s.rest, "a b");
  SplitLine bare = SplitCommand("HEALTHCHECK");
  EXPECT_EQ(bare.keyword, "healthcheck");
  EXPECT_TRUE(bare.flags.empty());
  EXPECT_EQ(bare.rest, "");
}

TEST(SplitCommandTest, FlagQuotingAndTerminator) {
  SplitLine s = SplitCommand(R"(RUN --mount="type=cache,target=/a b" --x=\"y -- --not-a-flag)");
  EXPECT_EQ(s.flags, (Strings{"--mount=type=cache,target=/a b", "--x=\"y"}));
  EXPECT_EQ(s.rest, "--not-a-flag");
  EXPECT_EQ(SplitCommand("COPY -- foo /tmp/").rest, "foo /tmp/");
  EXPECT_EQ(SplitCommand("CMD -x --y").rest, "-x --y");
  EXPECT_EQ(SplitCommand("CMD --doit=true").flags, Strings{"--doit=true"});
  EXPECT_EQ(SplitCommand("CMD --a --").flags, Strings{"--a"});
}

TEST(SplitCommandTest, FlagBytesAreReadAsLatin1) {
  // BuildKit scans flags byte by byte: é (C3 A9) comes out as "Ã©".
  EXPECT_EQ(SplitCommand("COPY --x=\xC3\xA9 a").flags,
            Strings{"--x=\xC3\x83\xC2\xA9"});
}

TEST(SplitCommandTest, SplitOnSeparators) {
  using Views = std::vector<std::string_view>;
  EXPECT_EQ(SplitOnSeparators("a \t b\vc", static_cast<size_t>(-1)),
            (Views{"a", "b", "c"}));
  EXPECT_EQ(SplitOnSeparators("k  v w", 2), (Views{"k", "v w"}));
  EXPECT_EQ(SplitOnSeparators("k", 2), (Views{"k"}));
}

}  // namespace
}  // namespace mybuild::frontend::parser
