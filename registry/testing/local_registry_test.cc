#include "registry/testing/local_registry.h"

#include <gtest/gtest.h>
#include <sys/stat.h>


#include "registry/base64.h"
#include "registry/curl_transport.h"

namespace mybuild::registry::testing {
namespace {

Expected<HttpResponse> GetV2(const std::string& base_url,
                             const std::string& ca = "",
                             const std::string& authorization = "") {
  CurlTransportOptions o;
  o.ca_file = ca;
  o.connect_timeout_seconds = 2;
  ASSIGN_OR_RETURN(auto t, CurlTransport::Create(o));
  HttpRequest r;
  r.url = base_url + "/v2/";
  if (!authorization.empty()) r.headers.Set("Authorization", authorization);
  return t->Send(r);
}

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

TEST(LocalRegistryTest, ServesPlainHttpAndCleansUp) {
  MYBUILD_REQUIRE_DOCKER_REGISTRY();
  std::string base, storage_parent;
  {
    auto reg = LocalRegistry::Start();
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    const std::string& host = (*reg)->host();
    ASSERT_TRUE(host.starts_with("127.0.0.1:")) << host;
    EXPECT_GT(std::stoi(host.substr(10)), 0) << host;
    base = (*reg)->base_url();
    EXPECT_EQ(base, "http://" + (*reg)->host());
    EXPECT_EQ((*reg)->ca_cert(), "");
    auto resp = GetV2(base);
    ASSERT_TRUE(resp.ok()) << resp.status().message();
    EXPECT_EQ(resp->status, 200);
    EXPECT_EQ(resp->headers.Get("Docker-Distribution-Api-Version"),
              "registry/2.0");
    std::string storage = (*reg)->storage_dir();
    ASSERT_TRUE(storage.ends_with("/storage"));
    storage_parent = storage.substr(0, storage.size() - 8);
    EXPECT_TRUE(Exists(storage_parent));
  }
  EXPECT_FALSE(Exists(storage_parent));
  auto gone = GetV2(base);
  EXPECT_EQ(gone.status().code(), ErrorCode::kUnavailable);
}

TEST(LocalRegistryTest, TlsModeNeedsItsCa) {
  MYBUILD_REQUIRE_DOCKER_REGISTRY();
  LocalRegistryOptions o;
  o.tls = true;
  auto reg = LocalRegistry::Start(o);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  EXPECT_EQ((*reg)->base_url(), "https://" + (*reg)->host());
  auto trusted = GetV2((*reg)->base_url(), (*reg)->ca_cert());
  ASSERT_TRUE(trusted.ok()) << trusted.status().message();
  EXPECT_EQ(trusted->status, 200);
  auto untrusted = GetV2((*reg)->base_url());
  EXPECT_EQ(untrusted.status().code(), ErrorCode::kUntrusted);
  EXPECT_EQ(untrusted.status().message(),
            "GET " + (*reg)->base_url() +
                "/v2/: the server's TLS certificate is not trusted (SSL "
                "certificate problem: unable to get local issuer certificate)");
}

TEST(LocalRegistryTest, HtpasswdModeWantsBasicAuth) {
  MYBUILD_REQUIRE_DOCKER_REGISTRY();
  LocalRegistryOptions o;
  o.user = "alice";
  o.password = "s3cret";
  auto reg = LocalRegistry::Start(o);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  auto anonymous = GetV2((*reg)->base_url());
  ASSERT_TRUE(anonymous.ok()) << anonymous.status().message();
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(anonymous->headers.Get("WWW-Authenticate"),
            "Basic realm=\"mybuild-test\"");
  auto good =
      GetV2((*reg)->base_url(), "", "Basic " + Base64Encode("alice:s3cret"));
  EXPECT_EQ(good->status, 200);
  auto bad =
      GetV2((*reg)->base_url(), "", "Basic " + Base64Encode("alice:wrong"));
  EXPECT_EQ(bad->status, 401);
}

TEST(SubprocessTest, RunsCommandsAndReportsExitCodes) {
  auto ok = RunCommand({"sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->exit_code, 3);
  EXPECT_EQ(ok->output, "out\nerr\n");
  auto missing = RunCommand({"mybuild-no-such-tool"});
  EXPECT_EQ(missing.status().message(),
            "spawn \"mybuild-no-such-tool\": No such file or directory");
  EXPECT_TRUE(ToolInstalled("sh"));
  EXPECT_FALSE(ToolInstalled("mybuild-no-such-tool"));
}

}  // namespace
}  // namespace mybuild::registry::testing
