#include "cli/platform_flag.h"

#include <gtest/gtest.h>

namespace mybuild::cli {
namespace {

TEST(PlatformFlagTest, NormalisesAsBuildKitShowsIt) {
  EXPECT_EQ(ParsePlatformFlag("")->str(), "linux/amd64");
  EXPECT_EQ(ParsePlatformFlag("linux/arm64")->str(), "linux/arm64");
  EXPECT_EQ(ParsePlatformFlag("linux/aarch64")->str(), "linux/arm64");
  EXPECT_EQ(ParsePlatformFlag("linux/arm64/v8")->str(), "linux/arm64");
  EXPECT_EQ(ParsePlatformFlag("linux/arm")->str(), "linux/arm/v7");
  EXPECT_EQ(ParsePlatformFlag("linux/x86_64")->str(), "linux/amd64");
}

TEST(PlatformFlagTest, OneIsOne) {
  EXPECT_EQ(ParsePlatformFlag("linux/amd64,linux/arm64").status().message(),
            "--platform linux/amd64,linux/arm64: give one platform");
}

TEST(PlatformFlagTest, AListKeepsItsOrderAndRefusesTwins) {
  auto l = ParsePlatformList("linux/arm64,amd64,linux/arm/v7");
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->size(), 3u);
  EXPECT_EQ((*l)[0].str(), "linux/arm64");
  EXPECT_EQ((*l)[1].str(), "linux/amd64");
  EXPECT_EQ((*l)[2].str(), "linux/arm/v7");
  EXPECT_EQ(ParsePlatformList("")->front().str(), "linux/amd64");
  EXPECT_EQ(ParsePlatformList("linux/arm64,aarch64").status().message(),
            "--platform linux/arm64,aarch64: linux/arm64 is given twice");
  EXPECT_EQ(ParsePlatformList("linux/arm64,").status().message(),
            "--platform linux/arm64,: an empty platform");
  EXPECT_EQ(ParsePlatformList("linux/arm64,a/b/c/d").status().message(),
            "--platform: invalid platform \"a/b/c/d\": want os/arch[/variant]");
}

}  // namespace
}  // namespace mybuild::cli
