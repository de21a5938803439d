// Push and pull against a real docker-registry on loopback, checked
// byte for byte and by an independent client (skopeo).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "oci/media_types.h"
#include "oci/platform_match.h"
#include "registry/curl_transport.h"
#include "registry/puller.h"
#include "registry/pusher.h"
#include "registry/retry.h"
#include "registry/testing/local_registry.h"
#include "registry/testing/test_image.h"

namespace mybuild::registry {
namespace {

using namespace ::mybuild::registry::testing;

// Passes requests through and remembers "METHOD path -> status".
class RecordingTransport : public Transport {
 public:
  explicit RecordingTransport(Transport& inner) : inner_(inner) {}
  Expected<HttpResponse> Send(const HttpRequest& r) override {
    auto resp = inner_.Send(r);
    std::lock_guard<std::mutex> lock(mu_);
    std::string path = r.url.substr(r.url.find('/', 8));
    log_.push_back(r.method + " " + path.substr(0, path.find('?')) + " -> " +
                   (resp.ok() ? std::to_string(resp->status) : "error"));
    return resp;
  }
  std::vector<std::string> log() {
    std::lock_guard<std::mutex> lock(mu_);
    return log_;
  }

 private:
  Transport& inner_;
  std::mutex mu_;
  std::vector<std::string> log_;
};

class PushPullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MYBUILD_REQUIRE_DOCKER_REGISTRY();
    auto reg = LocalRegistry::Start();
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    registry_ = std::move(*reg);
  }
  oci::ImageReference Ref(const std::string& repo_tag) {
    return std::move(
               oci::ImageReference::Parse(registry_->host() + "/" + repo_tag))
        .value();
  }
  RegistryClient Client(ClientOptions o = {}) {
    return RegistryClient(recorder_, registry_->host(), std::nullopt, o);
  }

  std::unique_ptr<LocalRegistry> registry_;
  std::unique_ptr<CurlTransport> curl_ =
      std::move(CurlTransport::Create({})).value();
  RetryingTransport retrying_{*curl_};
  RecordingTransport recorder_{retrying_};
  TempDir dir_ = std::move(TempDir::Create()).value();
};

TEST_F(PushPullTest, PulledBlobsAreByteIdenticalToPushedOnes) {
  TestImage image =
      MakeTestImage({"first layer bytes", std::string(300000, 'z')});
  auto blobs = WriteBlobs(image, dir_.path());
  ASSERT_TRUE(blobs.ok());
  auto client = Client();
  std::string type(oci::media::kOciManifest);
  auto pushed =
      Push(client, Ref("team/app:1"), type, image.manifest_json, *blobs);
  ASSERT_TRUE(pushed.ok()) << pushed.status().message();
  EXPECT_EQ(*pushed, image.manifest_digest);

  std::string store = dir_.path() + "/store";
  auto pulled = Pull(client, Ref("team/app:1"), oci::DefaultPlatform(),
                     BlobsUnder(store));
  ASSERT_TRUE(pulled.ok()) << pulled.status().message();
  EXPECT_EQ(pulled->resolved.manifest.bytes, image.manifest_json);
  EXPECT_EQ(pulled->resolved.manifest.media_type, type);
  EXPECT_EQ(pulled->config, image.config);
  for (size_t i = 0; i < image.layers.size(); ++i) {
    EXPECT_EQ(*ReadFile(BlobsUnder(store)(image.manifest.layers[i].digest)),
              image.layers[i]);
  }
  // A second push finds every blob present and uploads nothing.
  size_t before = recorder_.log().size();
  ASSERT_TRUE(
      Push(client, Ref("team/app:2"), type, image.manifest_json, *blobs).ok());
  for (size_t i = before; i < recorder_.log().size(); ++i) {
    EXPECT_FALSE(recorder_.log()[i].starts_with("POST")) << recorder_.log()[i];
  }
}

TEST_F(PushPullTest, ChunkedUploadAndCrossRepositoryMount) {
  TestImage image = MakeTestImage({std::string(100000, 'c')});
  auto blobs = std::move(WriteBlobs(image, dir_.path())).value();
  ClientOptions chunky;
  chunky.monolithic_limit = 1000;
  chunky.chunk_size = 30000;
  auto client = Client(chunky);
  std::string type(oci::media::kOciManifest);
  ASSERT_TRUE(
      Push(client, Ref("base:1"), type, image.manifest_json, blobs).ok());
  int patches = 0;
  for (const auto& line : recorder_.log()) patches += line.starts_with("PATCH");
  EXPECT_EQ(patches, 4);  // 100000 bytes in 30000-byte chunks

  for (auto& b : blobs) b.mount_from = "base";
  size_t before = recorder_.log().size();
  ASSERT_TRUE(
      Push(client, Ref("other:1"), type, image.manifest_json, blobs).ok());
  std::vector<std::string> log = recorder_.log();
  int mounted = 0;
  for (size_t i = before; i < log.size(); ++i) {
    mounted += log[i] == "POST /v2/other/blobs/uploads/ -> 201";
    EXPECT_FALSE(log[i].starts_with("PATCH") ||
                 log[i].starts_with("PUT /v2/other/blobs"))
        << log[i];
  }
  EXPECT_EQ(mounted, 2);
  auto pulled = Pull(client, Ref("other:1"), oci::DefaultPlatform(),
                     BlobsUnder(dir_.path() + "/store"));
  ASSERT_TRUE(pulled.ok()) << pulled.status().message();
  EXPECT_EQ(*ReadFile(BlobsUnder(dir_.path() +
                                 "/store")(image.manifest.layers[0].digest)),
            image.layers[0]);
}

// Every report of each blob, in order, as a progress display hears them.
class ProgressLog {
 public:
  BlobProgressFn Fn() {
    return [this](const BlobProgress& p) {
      std::lock_guard<std::mutex> lock(mu_);
      reports_[p.digest.str()].push_back(p);
    };
  }
  // Starts at 0, never goes back, ends done with every byte.
  void ExpectWhole(const oci::Descriptor& d) {
    const std::vector<BlobProgress>& r = reports_[d.digest.str()];
    ASSERT_GE(r.size(), 2u) << d.digest.str();
    EXPECT_EQ(r.front().current, 0);
    EXPECT_FALSE(r.front().done);
    for (size_t i = 0; i + 1 < r.size(); ++i) {
      EXPECT_FALSE(r[i].done);
      EXPECT_LE(r[i].current, r[i + 1].current);
      EXPECT_EQ(r[i].total, d.size);
    }
    EXPECT_TRUE(r.back().done);
    EXPECT_EQ(r.back().current, d.size);
  }
  // Reports with some but not all of the bytes.
  size_t Partial(const oci::Descriptor& d) {
    size_t n = 0;
    for (const BlobProgress& p : reports_[d.digest.str()]) n += p.current > 0 && p.current < d.size;
    return n;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::vector<BlobProgress>> reports_;
};

TEST_F(PushPullTest, ProgressHearsEveryBlobsBytesBothWays) {
  TestImage image = MakeTestImage({std::string(100000, 'p')});
  auto blobs = std::move(WriteBlobs(image, dir_.path())).value();
  ClientOptions chunky;
  chunky.monolithic_limit = 1000;
  chunky.chunk_size = 30000;
  auto client = Client(chunky);
  ProgressLog up;
  ASSERT_TRUE(Push(client, Ref("prog:1"), std::string(oci::media::kOciManifest),
                   image.manifest_json, blobs, up.Fn())
                  .ok());
  up.ExpectWhole(image.manifest.config);
  up.ExpectWhole(image.manifest.layers[0]);
  EXPECT_GE(up.Partial(image.manifest.layers[0]), 3u);  // at least each PATCH's end

  ProgressLog down;
  auto pulled = Pull(client, Ref("prog:1"), oci::DefaultPlatform(),
                     BlobsUnder(dir_.path() + "/store"), down.Fn());
  ASSERT_TRUE(pulled.ok()) << pulled.status().message();
  down.ExpectWhole(image.manifest.config);
  down.ExpectWhole(image.manifest.layers[0]);
}

// The usual case of a build: the base image was pulled from repository a of
// the registry the result is pushed to (repository b). The base layer is
// mounted from a, not uploaded again, with no hint from the caller.
TEST_F(PushPullTest, BaseLayerPulledFromAnotherRepositoryIsMounted) {
  TestImage base = MakeTestImage({"base layer bytes"});
  TestImage app = MakeTestImage({"base layer bytes", "app layer bytes"});
  std::string type(oci::media::kOciManifest);
  {
    auto pusher = Client();
    ASSERT_TRUE(MakeDirs(dir_.path() + "/base").ok());
    ASSERT_TRUE(MakeDirs(dir_.path() + "/app").ok());
    auto blobs = std::move(WriteBlobs(base, dir_.path() + "/base")).value();
    ASSERT_TRUE(Push(pusher, Ref("a:1"), type, base.manifest_json, blobs).ok());
  }
  auto client = Client();  // a fresh client: what it knows, it pulled
  auto pulled = Pull(client, Ref("a:1"), oci::DefaultPlatform(),
                     BlobsUnder(dir_.path() + "/store"));
  ASSERT_TRUE(pulled.ok()) << pulled.status().message();
  size_t before = recorder_.log().size();
  auto blobs = std::move(WriteBlobs(app, dir_.path() + "/app")).value();
  auto pushed = Push(client, Ref("b:1"), type, app.manifest_json, blobs);
  ASSERT_TRUE(pushed.ok()) << pushed.status().message();
  std::vector<std::string> log = recorder_.log();
  std::vector<std::string> uploads;
  for (size_t i = before; i < log.size(); ++i) {
    std::string line = log[i];
    if (line.starts_with("PUT /v2/b/blobs/uploads/")) {
      line = "PUT (upload) " + line.substr(line.rfind(' ') + 1);
    }
    if (line.starts_with("POST") || line.starts_with("PUT (upload)")) {
      uploads.push_back(line);
    }
  }
  // The base layer: one mount (201). The config and the app layer: an
  // upload each (202, then the PUT).
  std::sort(uploads.begin(), uploads.end());
  EXPECT_EQ(uploads, (std::vector<std::string>{
                         "POST /v2/b/blobs/uploads/ -> 201",
                         "POST /v2/b/blobs/uploads/ -> 202",
                         "POST /v2/b/blobs/uploads/ -> 202",
                         "PUT (upload) 201",
                         "PUT (upload) 201",
                     }));
  // The registry links the mounted layer into b, and serves it from there.
  std::string link = registry_->storage_dir() +
                     "/docker/registry/v2/repositories/b/_layers/sha256/" +
                     std::string(app.manifest.layers[0].digest.hex()) + "/link";
  auto linked = ReadFile(link);
  ASSERT_TRUE(linked.ok()) << linked.status().message();
  EXPECT_EQ(*linked, app.manifest.layers[0].digest.str());
  auto reader = Client();
  auto again = Pull(reader, Ref("b:1"), oci::DefaultPlatform(),
                    BlobsUnder(dir_.path() + "/store2"));
  ASSERT_TRUE(again.ok()) << again.status().message();
}

TEST_F(PushPullTest, IndexPullsThePlatformsImage) {
  TestImage amd = MakeTestImage({"amd64 layer"}, "amd64");
  TestImage arm = MakeTestImage({"arm64 layer"}, "arm64");
  auto client = Client();
  std::string type(oci::media::kOciManifest);
  for (const TestImage* img : {&amd, &arm}) {
    auto blobs = std::move(WriteBlobs(*img, dir_.path())).value();
    auto ref = Ref("multi@" + img->manifest_digest.str());
    ASSERT_TRUE(Push(client, ref, type, img->manifest_json, blobs).ok());
  }
  std::string index = MakeIndex({{amd, "amd64"}, {arm, "arm64"}});
  ASSERT_TRUE(client
                  .PutManifest("multi", "latest",
                               std::string(oci::media::kOciIndex), index)
                  .ok());
  auto pulled =
      Pull(client, Ref("multi"), oci::Platform{"linux", "arm64", "", "", {}},
           BlobsUnder(dir_.path() + "/store"));
  ASSERT_TRUE(pulled.ok()) << pulled.status().message();
  EXPECT_EQ(pulled->resolved.manifest.digest, arm.manifest_digest);
  EXPECT_EQ(pulled->resolved.index->bytes, index);
  EXPECT_EQ(pulled->config, arm.config);
}

TEST_F(PushPullTest, SkopeoSeesWhatWePushed) {
  if (!ToolInstalled("skopeo")) {
    GTEST_SKIP() << "skopeo is not installed (apt-get install skopeo)";
  }
  TestImage image = MakeTestImage({"l1", "l2"});
  auto blobs = std::move(WriteBlobs(image, dir_.path())).value();
  auto client = Client();
  ASSERT_TRUE(Push(client, Ref("app:1"), std::string(oci::media::kOciManifest),
                   image.manifest_json, blobs)
                  .ok());
  auto out = RunCommand({"skopeo", "inspect", "--tls-verify=false",
                         "docker://" + registry_->host() + "/app:1"});
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->exit_code, 0) << out->output;
  auto json = nlohmann::json::parse(out->output, nullptr, false);
  ASSERT_TRUE(json.is_object()) << out->output;
  EXPECT_EQ(json["Digest"], image.manifest_digest.str());
  EXPECT_EQ(json["Architecture"], "amd64");
  EXPECT_EQ(json["Os"], "linux");
  EXPECT_EQ(json["Layers"],
            nlohmann::json({image.manifest.layers[0].digest.str(),
                            image.manifest.layers[1].digest.str()}));
  auto raw = RunCommand({"skopeo", "inspect", "--raw", "--tls-verify=false",
                         "docker://" + registry_->host() + "/app:1"});
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->output, image.manifest_json);
}

TEST_F(PushPullTest, MissingTagIsReportedInTheRegistrysWords) {
  auto client = Client();
  auto r = Pull(client, Ref("nothing:here"), oci::DefaultPlatform(),
                BlobsUnder(dir_.path()));
  EXPECT_EQ(r.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(r.status().message(), "pull " + registry_->host() +
                                      "/nothing:here: manifest unknown: "
                                      "manifest unknown");
}

}  // namespace
}  // namespace mybuild::registry
