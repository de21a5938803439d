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

TEST(PlatformFlagTest, SeveralAreRefusedWithTheWayOut) {
  EXPECT_EQ(ParsePlatformFlag("linux/amd64,linux/arm64").status().message(),
            "--platform linux/amd64,linux/arm64: several platforms in one build are not "
            "supported yet; build each with its own --platform");
}

}  // namespace
}  // namespace mybuild::cli
