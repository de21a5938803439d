#include "registry/puller.h"

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

const std::string kBase = "https://r.example/v2/team/app";

std::string Blob(const oci::Digest& d) { return kBase + "/blobs/" + d.str(); }

class PullerTest : public ::testing::Test {
 protected:
  oci::ImageReference Ref(const std::string& text) {
    return std::move(oci::ImageReference::Parse(text)).value();
  }
  void ExpectManifest(const std::string& reference, const std::string& body,
                      std::string_view type) {
    fake_.Expect("GET", kBase + "/manifests/" + reference)
        .Reply(200, body)
        .ReplyHeader("Content-Type", std::string(type));
  }
  ScriptedTransport fake_;
  RegistryClient client_{fake_, "r.example", std::nullopt};
  TempDir dir_ = std::move(TempDir::Create()).value();
};

TEST_F(PullerTest, PicksPlatformFromIndexAndFetchesMissingBlobs) {
  TestImage amd = MakeTestImage({"layer-one", "layer-two"}, "amd64");
  TestImage arm = MakeTestImage({"arm-layer"}, "arm64");
  std::string index = MakeIndex({{arm, "arm64"}, {amd, "amd64"}});
  ExpectManifest("1", index, oci::media::kOciIndex);
  ExpectManifest(amd.manifest_digest.str(), amd.manifest_json,
                 oci::media::kOciManifest);
  fake_.AnyOrder();
  fake_.Expect("GET", Blob(amd.manifest.config.digest)).Reply(200, amd.config);
  fake_.Expect("GET", Blob(amd.manifest.layers[1].digest))
      .Reply(200, "layer-two");
  // layer-one is already in the store: not fetched.
  BlobPathFn path = BlobsUnder(dir_.path());
  ASSERT_TRUE(MakeDirs(dir_.path() + "/sha256").ok());
  ASSERT_TRUE(
      WriteFileAtomic(path(amd.manifest.layers[0].digest), "layer-one").ok());

  auto pulled =
      Pull(client_, Ref("r.example/team/app:1"), oci::DefaultPlatform(), path);
  ASSERT_TRUE(pulled.ok()) << pulled.status().message();
  EXPECT_EQ(pulled->config, amd.config);
  // Every blob of the image, fetched or already stored, is known to be in
  // team/app: a push to another repository can mount it from there.
  for (const oci::Descriptor& d : amd.manifest.layers) {
    EXPECT_EQ(client_.RepositoryHolding(d.digest, "other"), "team/app");
  }
  EXPECT_EQ(client_.RepositoryHolding(amd.manifest.config.digest, "other"),
            "team/app");
  EXPECT_EQ(pulled->resolved.manifest.digest, amd.manifest_digest);
  EXPECT_EQ(pulled->resolved.parsed, amd.manifest);
  ASSERT_TRUE(pulled->resolved.index.has_value());
  EXPECT_EQ(pulled->resolved.index->bytes, index);
  EXPECT_EQ(*ReadFile(path(amd.manifest.layers[1].digest)), "layer-two");
  EXPECT_EQ(*ReadFile(path(amd.manifest_digest)), amd.manifest_json);
  EXPECT_EQ(*ReadFile(path(oci::Digest::Of(index))), index);
}

TEST_F(PullerTest, MissingPlatformNamesTheReference) {
  TestImage amd = MakeTestImage({"l"}, "amd64");
  ExpectManifest("1", MakeIndex({{amd, "amd64"}}), oci::media::kOciIndex);
  auto r = ResolveManifest(client_, Ref("r.example/team/app:1"),
                           oci::Platform{"linux", "s390x", "", "", {}});
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(r.status().message(),
            "pull r.example/team/app:1: no image for linux/s390x in the index "
            "(it has linux/amd64)");
}

TEST_F(PullerTest, CorruptBlobFailsThePullAndIsNotStored) {
  TestImage img = MakeTestImage({"good"});
  ExpectManifest("1", img.manifest_json, oci::media::kOciManifest);
  fake_.Expect("GET", Blob(img.manifest.layers[0].digest)).Reply(200, "evil");
  BlobPathFn path = BlobsUnder(dir_.path());
  ASSERT_TRUE(MakeDirs(dir_.path() + "/sha256").ok());
  ASSERT_TRUE(
      WriteFileAtomic(path(img.manifest.config.digest), img.config).ok());
  auto r =
      Pull(client_, Ref("r.example/team/app:1"), oci::DefaultPlatform(), path);
  EXPECT_EQ(
      r.status().message(),
      "pull r.example/team/app:1: blob " + img.manifest.layers[0].digest.str() +
          ": digest mismatch: expected " + img.manifest.layers[0].digest.str() +
          ", got " + oci::Digest::Of("evil").str() + " (4 bytes)");
  EXPECT_FALSE(ReadFile(path(img.manifest.layers[0].digest)).ok());
  EXPECT_FALSE(ReadFile(path(img.manifest_digest)).ok());
}

}  // namespace
}  // namespace mybuild::registry
