#include "registry/image_resolver.h"

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "oci/media_types.h"
#include "oci/platform_match.h"
#include "registry/testing/fake_transport.h"
#include "registry/testing/test_image.h"

namespace mybuild::registry {
namespace {

using testing::MakeIndex;
using testing::MakeTestImage;
using testing::ScriptedTransport;
using testing::TestImage;

const std::string kHub = "https://registry-1.docker.io/v2/library/alpine";

TEST(RegistryImageResolverTest, ResolvesConfigOnceWithoutLayers) {
  ScriptedTransport fake;
  TestImage amd = MakeTestImage({"never fetched"}, "amd64");
  TestImage arm = MakeTestImage({"arm"}, "arm64");
  fake.Expect("GET", kHub + "/manifests/3.19")
      .Reply(200, MakeIndex({{arm, "arm64"}, {amd, "amd64"}}))
      .ReplyHeader("Content-Type", std::string(oci::media::kOciIndex));
  fake.Expect("GET", kHub + "/manifests/" + amd.manifest_digest.str())
      .Reply(200, amd.manifest_json);
  fake.Expect("GET", kHub + "/blobs/" + amd.manifest.config.digest.str())
      .Reply(200, amd.config);
  Registries registries(fake, CredentialStore());
  auto dir = std::move(TempDir::Create()).value();
  RegistryImageResolver resolver(registries, oci::DefaultPlatform(),
                                 BlobsUnder(dir.path()));
  for (int i = 0; i < 2; ++i) {
    auto image = resolver.Resolve("alpine:3.19");
    ASSERT_TRUE(image.ok()) << image.status().message();
    EXPECT_EQ(image->ref, "docker.io/library/alpine:3.19");
    EXPECT_EQ(image->manifest, amd.manifest_digest);
    EXPECT_EQ(image->config.architecture, "amd64");
    EXPECT_EQ(image->config.diff_ids,
              std::vector<oci::Digest>{amd.manifest.layers[0].digest});
  }
  // The platform manifest is kept as served, so the build need not fetch
  // it again before its first step (the index is not kept).
  Expected<std::string> kept = ReadFile(BlobsUnder(dir.path())(amd.manifest_digest));
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  EXPECT_EQ(*kept, amd.manifest_json);
}

TEST(RegistryImageResolverTest, ErrorsNameTheReference) {
  ScriptedTransport fake;
  fake.Expect("GET", kHub + "/manifests/nope")
      .Reply(
          404,
          R"({"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]})");
  TestImage bad = MakeTestImage({});
  bad.config = "{not json";
  bad.manifest.config.digest = oci::Digest::Of(bad.config);
  bad.manifest.config.size = 9;
  fake.Expect("GET", kHub + "/manifests/bad").Reply(200, bad.manifest.ToJson());
  fake.Expect("GET", kHub + "/blobs/" + bad.manifest.config.digest.str())
      .Reply(200, bad.config);
  Registries registries(fake, CredentialStore());
  auto dir = std::move(TempDir::Create()).value();
  RegistryImageResolver resolver(registries, oci::DefaultPlatform(),
                                 BlobsUnder(dir.path()));
  EXPECT_EQ(resolver.Resolve("alpine:nope").status().message(),
            "pull alpine:nope: manifest unknown: manifest unknown");
  EXPECT_TRUE(resolver.Resolve("Alpine").status().message().starts_with(
      "invalid reference \"Alpine\""));
  auto r = resolver.Resolve("alpine:bad");
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_TRUE(
      r.status().message().starts_with("pull alpine:bad: image config: "))
      << r.status().message();
}

}  // namespace
}  // namespace mybuild::registry
