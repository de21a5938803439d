#include "oci/platform_match.h"

#include <gtest/gtest.h>

namespace mybuild::oci {
namespace {

Platform P(std::string_view text) { return *Platform::Parse(text); }

ImageIndex IndexOf(std::vector<std::string> platforms) {
  ImageIndex x;
  char c = 'a';
  for (const auto& p : platforms) {
    Descriptor d;
    d.digest = Digest::Of(std::string(1, c++));
    d.media_type = "m";
    d.platform = P(p);
    x.manifests.push_back(d);
  }
  return x;
}

// Which entry (as the letter whose digest it holds) SelectManifest picks.
std::string Pick(const ImageIndex& x, std::string_view want) {
  auto d = SelectManifest(x, P(want));
  if (!d.ok()) return d.status().message();
  for (char c = 'a'; c <= 'z'; ++c) {
    if (d->digest == Digest::Of(std::string(1, c))) return std::string(1, c);
  }
  return "?";
}

TEST(PlatformMatchTest, Normalize) {
  EXPECT_EQ(NormalizePlatform(P("Linux/x86_64")).str(), "linux/amd64");
  EXPECT_EQ(NormalizePlatform(P("linux/aarch64")).str(), "linux/arm64/v8");
  EXPECT_EQ(NormalizePlatform(P("linux/armhf")).str(), "linux/arm/v7");
  EXPECT_EQ(NormalizePlatform(P("linux/armel")).str(), "linux/arm/v6");
  EXPECT_EQ(NormalizePlatform(P("linux/arm/7")).str(), "linux/arm/v7");
  EXPECT_EQ(NormalizePlatform(P("linux/i386")).str(), "linux/386");
  EXPECT_EQ(DefaultPlatform().str(), "linux/amd64");
}

TEST(PlatformMatchTest, Runs) {
  EXPECT_TRUE(PlatformRuns(P("linux/arm64"), P("linux/arm64/v8")));
  EXPECT_TRUE(PlatformRuns(P("linux/arm/v7"), P("linux/arm/v6")));
  EXPECT_FALSE(PlatformRuns(P("linux/arm/v6"), P("linux/arm/v7")));
  EXPECT_FALSE(PlatformRuns(P("linux/amd64"), P("linux/arm64")));
  EXPECT_FALSE(PlatformRuns(P("linux/amd64"), P("windows/amd64")));
  EXPECT_TRUE(PlatformRuns(P("linux/amd64"), P("linux/amd64/v2")));
  EXPECT_FALSE(PlatformRuns(P("linux/amd64/v3"), P("linux/amd64/v2")));
}

TEST(PlatformMatchTest, Select) {
  ImageIndex x = IndexOf({"linux/amd64", "linux/arm/v6", "linux/arm/v7",
                          "linux/arm64/v8", "unknown/unknown"});
  EXPECT_EQ(Pick(x, "linux/amd64"), "a");
  EXPECT_EQ(Pick(x, "linux/arm64"), "d");
  EXPECT_EQ(Pick(x, "linux/arm"), "c");
  EXPECT_EQ(Pick(x, "linux/arm/v6"), "b");
  EXPECT_EQ(Pick(x, "linux/arm/v8"), "c");  // newest older variant
  EXPECT_EQ(Pick(x, "linux/s390x"),
            "no image for linux/s390x in the index (it has linux/amd64, "
            "linux/arm/v6, linux/arm/v7, linux/arm64/v8)");
  EXPECT_EQ(Pick(IndexOf({"linux/arm64", "linux/arm64"}), "linux/arm64/v8"),
            "a");
  EXPECT_EQ(Pick(ImageIndex{}, "linux/amd64"),
            "no image for linux/amd64 in the index (it has no platforms)");
}

}  // namespace
}  // namespace mybuild::oci
