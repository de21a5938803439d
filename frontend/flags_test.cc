#include "frontend/flags.h"

#include <gtest/gtest.h>

namespace mybuild::frontend {
namespace {

FlagSet CopyFlags() {
  FlagSet f("COPY");
  f.AddString("from");
  f.AddString("chown");
  f.AddBool("link");
  f.AddList("exclude");
  return f;
}

TEST(FlagsTest, ParsesValues) {
  FlagSet f = CopyFlags();
  ASSERT_TRUE(f.Parse({"--from=build", "--link", "--exclude=a",
                       "--exclude=b", "--chown="})
                  .ok());
  EXPECT_EQ(f.String("from"), "build");
  EXPECT_EQ(f.String("chown"), "");
  EXPECT_EQ(f.Bool("link"), true);
  EXPECT_EQ(f.List("exclude"), (std::vector<std::string>{"a", "b"}));
  FlagSet g = CopyFlags();
  ASSERT_TRUE(g.Parse({"--link=FALSE"}).ok());
  EXPECT_EQ(g.Bool("link"), false);
  EXPECT_EQ(g.String("from"), std::nullopt);
}

TEST(FlagsTest, Errors) {
  EXPECT_EQ(CopyFlags().Parse({"--chwon=1"}).message(),
            "unknown flag --chwon for COPY (did you mean --chown?)");
  EXPECT_EQ(CopyFlags().Parse({"--frobnicate"}).message(),
            "unknown flag --frobnicate for COPY");
  EXPECT_EQ(CopyFlags().Parse({"--from=a", "--from=b"}).message(),
            "flag --from for COPY is given more than once");
  EXPECT_EQ(CopyFlags().Parse({"--from"}).message(),
            "flag --from for COPY needs a value");
  EXPECT_EQ(CopyFlags().Parse({"--link=yes"}).message(),
            "flag --link for COPY takes true or false, not \"yes\"");
}

}  // namespace
}  // namespace mybuild::frontend
