#include "oci/descriptor.h"

#include <gtest/gtest.h>

namespace mybuild::oci {
namespace {

const std::string kSha =
    "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST(DescriptorTest, MinimalJson) {
  Descriptor d;
  d.media_type = "application/vnd.oci.image.layer.v1.tar+gzip";
  d.digest = Digest::Of("");
  d.size = 0;
  EXPECT_EQ(d.ToJson(),
            "{\"digest\":\"" + kSha +
                "\",\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+"
                "gzip\",\"size\":0}");
}

TEST(DescriptorTest, FullRoundTrip) {
  std::string text =
      "{\"annotations\":{\"a\":\"b\"},\"artifactType\":\"x/y\",\"digest\":\"" +
      kSha +
      "\",\"mediaType\":\"m\",\"platform\":{\"architecture\":\"arm64\","
      "\"os\":\"linux\",\"os.features\":[\"f\"],\"os.version\":\"1\","
      "\"variant\":\"v8\"},\"size\":12,\"urls\":[\"https://x/y\"]}";
  auto d = Descriptor::FromJson(text);
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->size, 12);
  ASSERT_TRUE(d->platform.has_value());
  EXPECT_EQ(d->platform->str(), "linux/arm64/v8");
  EXPECT_EQ(d->ToJson(), text);
}

TEST(DescriptorTest, Errors) {
  EXPECT_EQ(Descriptor::FromJson("{").status().message().rfind(
                "descriptor: invalid JSON: ", 0),
            0u);
  EXPECT_EQ(Descriptor::FromJson("[]").status().message(),
            "descriptor: must be a JSON object");
  EXPECT_EQ(Descriptor::FromJson("{\"mediaType\":\"m\",\"size\":1}")
                .status()
                .message(),
            "descriptor: missing field \"digest\"");
  EXPECT_EQ(Descriptor::FromJson("{\"mediaType\":\"m\",\"size\":-1,"
                                 "\"digest\":\"" + kSha + "\"}")
                .status()
                .message(),
            "descriptor: field \"size\" must be a non-negative integer");
  EXPECT_EQ(Descriptor::FromJson("{\"mediaType\":\"m\",\"size\":\"1\","
                                 "\"digest\":\"" + kSha + "\"}")
                .status()
                .message(),
            "descriptor: field \"size\" must be an integer");
  EXPECT_EQ(Descriptor::FromJson(
                "{\"mediaType\":\"m\",\"size\":1,\"digest\":\"sha256:x\"}")
                .status()
                .message(),
            "descriptor: invalid digest \"sha256:x\": sha256 needs 64 "
            "lower-case hex digits");
}

TEST(PlatformTest, Parse) {
  EXPECT_EQ(Platform::Parse("linux/arm/v7")->variant, "v7");
  EXPECT_EQ(Platform::Parse("linux/amd64")->str(), "linux/amd64");
  EXPECT_EQ(Platform::Parse("linux").status().message(),
            "invalid platform \"linux\": want os/arch[/variant]");
  EXPECT_FALSE(Platform::Parse("linux//v7").ok());
  EXPECT_FALSE(Platform::Parse("a/b/c/d").ok());
}

}  // namespace
}  // namespace mybuild::oci
