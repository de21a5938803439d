#include "registry/pusher.h"

#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "oci/media_types.h"
#include "registry/testing/fake_transport.h"
#include "registry/testing/test_image.h"

namespace mybuild::registry {
namespace {

using testing::MakeTestImage;
using testing::ScriptedTransport;
using testing::TestImage;
using testing::WriteBlobs;

const std::string kBase = "http://127.0.0.1:5000/v2/app";

class PusherTest : public ::testing::Test {
 protected:
  void ExpectProbe() {
    // The loopback registry does not speak TLS.
    fake_.Expect("GET", "http://127.0.0.1:5000/v2/").Reply(200);
  }
  oci::ImageReference ref_ =
      std::move(oci::ImageReference::Parse("127.0.0.1:5000/app:1")).value();
  ScriptedTransport fake_;
  RegistryClient client_{fake_, "127.0.0.1:5000", std::nullopt};
  TempDir dir_ = std::move(TempDir::Create()).value();
  TestImage image_ = MakeTestImage({"new-layer"});
  std::string type_ = std::string(oci::media::kOciManifest);
};

TEST_F(PusherTest, UploadsMissingBlobsThenTagsManifest) {
  ExpectProbe();
  auto blobs = std::move(WriteBlobs(image_, dir_.path())).value();
  oci::Digest config = image_.manifest.config.digest;
  oci::Digest layer = image_.manifest.layers[0].digest;
  fake_.AnyOrder();
  fake_.Expect("HEAD", kBase + "/blobs/" + config.str()).Reply(200);
  fake_.Expect("HEAD", kBase + "/blobs/" + layer.str()).Reply(404);
  fake_.Expect("POST", kBase + "/blobs/uploads/")
      .Reply(202)
      .ReplyHeader("Location", "/v2/app/blobs/uploads/u1");
  fake_
      .Expect("PUT", kBase + "/blobs/uploads/u1?digest=sha256%3A" +
                         std::string(layer.hex()))
      .WithBody("new-layer")
      .Reply(201);
  fake_.Expect("PUT", kBase + "/manifests/1")
      .WithHeader("Content-Type", type_)
      .WithBody(image_.manifest_json)
      .Reply(201);
  auto digest = Push(client_, ref_, type_, image_.manifest_json, blobs);
  ASSERT_TRUE(digest.ok()) << digest.status().message();
  EXPECT_EQ(*digest, image_.manifest_digest);
}

TEST_F(PusherTest, DenialNamesTheReference) {
  ExpectProbe();
  auto blobs = std::move(WriteBlobs(image_, dir_.path())).value();
  fake_.AnyOrder();
  for (const auto& b : blobs) {
    fake_.Expect("HEAD", kBase + "/blobs/" + b.descriptor.digest.str())
        .Reply(200);
  }
  fake_.Expect("PUT", kBase + "/manifests/1")
      .Reply(
          403,
          R"({"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]})");
  auto r = Push(client_, ref_, type_, image_.manifest_json, blobs);
  EXPECT_EQ(r.status().message(),
            "push 127.0.0.1:5000/app:1: denied: requested access to the "
            "resource is denied: no credentials for 127.0.0.1:5000 (looked in the "
            "auth files); registry 127.0.0.1:5000, repository app, scope "
            "repository:app:pull,push");
}

TEST_F(PusherTest, BlobFileOfWrongSizeIsCaughtBeforeUpload) {
  auto blobs = std::move(WriteBlobs(image_, dir_.path())).value();
  blobs[1].descriptor.size = 3;
  auto r = Push(client_, ref_, type_, image_.manifest_json, {blobs[1]});
  EXPECT_EQ(r.status().message(), "push 127.0.0.1:5000/app:1: blob " +
                                      blobs[1].descriptor.digest.str() +
                                      ": \"" + blobs[1].path +
                                      "\" has 9 bytes, expected 3");
}

TEST_F(PusherTest, BlobKnownInAnotherRepositoryIsMountedNotUploaded) {
  ExpectProbe();
  auto blobs = std::move(WriteBlobs(image_, dir_.path())).value();
  oci::Digest config = image_.manifest.config.digest;
  oci::Digest layer = image_.manifest.layers[0].digest;
  // As after pulling the base image from 127.0.0.1:5000/team/base.
  client_.NoteBlobIn("team/base", layer);
  fake_.AnyOrder();
  fake_.Expect("HEAD", kBase + "/blobs/" + config.str()).Reply(200);
  fake_.Expect("HEAD", kBase + "/blobs/" + layer.str()).Reply(404);
  fake_
      .Expect("POST", kBase + "/blobs/uploads/?mount=sha256%3A" +
                          std::string(layer.hex()) + "&from=team%2Fbase")
      .Reply(201);
  fake_.Expect("PUT", kBase + "/manifests/1").Reply(201);
  auto digest = Push(client_, ref_, type_, image_.manifest_json, blobs);
  ASSERT_TRUE(digest.ok()) << digest.status().message();
}

}  // namespace
}  // namespace mybuild::registry
