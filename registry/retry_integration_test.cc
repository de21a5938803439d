// Retries against a real docker-registry behind a fault-injecting proxy:
// which failures are retried, how often, and what the error says when
// they run out. Attempts are counted at the proxy; no wall times.
#include <gtest/gtest.h>

#include "base/temp_dir.h"
#include "oci/media_types.h"
#include "oci/platform_match.h"
#include "registry/curl_transport.h"
#include "registry/puller.h"
#include "registry/pusher.h"
#include "registry/retry.h"
#include "registry/testing/fault_proxy.h"
#include "registry/testing/local_registry.h"
#include "registry/testing/test_image.h"

namespace mybuild::registry {
namespace {

using namespace ::mybuild::registry::testing;
using Kind = FaultRule::Kind;

class RetryIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MYBUILD_REQUIRE_DOCKER_REGISTRY();
    auto reg = LocalRegistry::Start();
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    reg_ = std::move(*reg);
    // The image is pushed straight to the registry, then pulled through
    // the proxy.
    RegistryClient direct(*curl_, reg_->host(), std::nullopt);
    auto blobs = std::move(WriteBlobs(image_, dir_.path())).value();
    ASSERT_TRUE(Push(direct, Ref(reg_->host()),
                     std::string(oci::media::kOciManifest),
                     image_.manifest_json, blobs)
                    .ok());
  }
  static oci::ImageReference Ref(const std::string& host) {
    return std::move(oci::ImageReference::Parse(host + "/app:1")).value();
  }
  Status PullThrough(std::vector<FaultRule> rules, long stall_s = 60) {
    proxy_ = std::move(FaultProxy::Start(port(), std::move(rules))).value();
    CurlTransportOptions o;
    o.stall_timeout_seconds = stall_s;
    auto curl = std::move(CurlTransport::Create(o)).value();
    RetryPolicy p;
    p.max_attempts = 3;
    RetryingTransport retrying(
        *curl, p, [this](std::chrono::milliseconds d) { waits_.push_back(d); });
    RegistryClient client(retrying, proxy_->host(), std::nullopt);
    return Pull(client, Ref(proxy_->host()), oci::DefaultPlatform(),
                BlobsUnder(dir_.path() + "/store-" + std::to_string(++pulls_)))
        .status();
  }
  int port() const {
    return std::stoi(reg_->host().substr(reg_->host().rfind(':') + 1));
  }
  std::string Layer() const {
    return image_.manifest.layers.at(0).digest.str();
  }

  TestImage image_ = MakeTestImage({std::string(100000, 'q')});
  TempDir dir_ = std::move(TempDir::Create()).value();
  std::unique_ptr<CurlTransport> curl_ =
      std::move(CurlTransport::Create({})).value();
  std::unique_ptr<LocalRegistry> reg_;
  std::unique_ptr<FaultProxy> proxy_;
  std::vector<std::chrono::milliseconds> waits_;
  int pulls_ = 0;
};

TEST_F(RetryIntegrationTest, TransientFailuresAreRetriedAndThenSucceed) {
  HttpHeaders later;
  later.Set("Retry-After", "2");
  Status st =
      PullThrough({{"GET", "/manifests/", Kind::kStatus, 503, {}, 1, ""},
                   {"GET", "/manifests/", Kind::kStatus, 429, later, 1, ""},
                   {"GET", "/blobs/" + Layer(), Kind::kTruncate, 0, {}, 1, ""}});
  EXPECT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(proxy_->Count("GET", "/manifests/1"), 3);
  EXPECT_EQ(proxy_->Count("GET", "/blobs/" + Layer()), 2);
  ASSERT_GE(waits_.size(), 2u);
  EXPECT_EQ(waits_[1],
            std::chrono::milliseconds(2000));  // Retry-After, not backoff
}

TEST_F(RetryIntegrationTest, ExhaustedRetriesEndWithTheCount) {
  Status st =
      PullThrough({{"GET", "/manifests/", Kind::kStatus, 502, {}, 1000, ""}});
  EXPECT_EQ(st.code(), ErrorCode::kUnavailable);
  EXPECT_EQ(st.message(),
            "pull " + proxy_->host() +
                "/app:1: HTTP 502 Bad Gateway (after 3 attempts)");
  EXPECT_EQ(proxy_->Count("GET", "/manifests/1"), 3);
}

TEST_F(RetryIntegrationTest, ClientErrorsAreNeverRetried) {
  for (int status : {400, 403, 404}) {
    Status st =
        PullThrough({{"GET", "/manifests/", Kind::kStatus, status, {}, 1000, ""}});
    EXPECT_FALSE(st.ok());
    EXPECT_EQ(proxy_->Count("GET", "/manifests/1"), 1) << status;
  }
}

TEST_F(RetryIntegrationTest, AStalledRegistryFailsWithinTheBound) {
  Status st =
      PullThrough({{"GET", "/blobs/" + Layer(), Kind::kStall, 0, {}, 1000, ""}}, 1);
  EXPECT_EQ(st.code(), ErrorCode::kUnavailable);
  EXPECT_TRUE(st.message().ends_with(
      ": no data from the server for 1 s (stall timeout) (after 3 attempts)"))
      << st.message();
  EXPECT_EQ(proxy_->Count("GET", "/blobs/" + Layer()), 3);
}

}  // namespace
}  // namespace mybuild::registry
