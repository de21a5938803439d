// `mybuild login`, `logout` and `build --push` end to end against a real
// docker-registry with htpasswd auth: what is saved, where, with which
// mode; exit codes; every tag tried and each pushed digest printed.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "registry/base64.h"
#include "registry/testing/local_registry.h"
#include "cli/registry_cli_fixture.h"
#include "registry/testing/subprocess.h"

namespace mybuild::cli {
namespace {

using namespace registry::testing;

class LoginPushTest : public testing::RegistryCliTest {
 protected:
  void SetUp() override {
    RegistryCliTest::SetUp();
    MYBUILD_REQUIRE_DOCKER_REGISTRY();
    LocalRegistryOptions o;
    o.user = "alice";
    o.password = "s3cret";
    auto reg = LocalRegistry::Start(o);
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    reg_ = std::move(*reg);
  }

  std::unique_ptr<LocalRegistry> reg_;
};

TEST_F(LoginPushTest, LoginChecksSavesAndPushUsesIt) {
  const std::string host = reg_->host();
  CommandResult bad = Run(
      "login -u alice --password-stdin --authfile " + AuthFile() + " " + host,
      "nope");
  EXPECT_EQ(bad.exit_code, 3) << bad.output;
  EXPECT_EQ(
      bad.output,
      "mybuild: login " + host +
          ": unauthorized: authentication required: credentials from the user "
          "name and password given were rejected (401 after sending them); "
          "registry " +
          host + "\n");
  EXPECT_FALSE(std::filesystem::exists(AuthFile()));

  CommandResult good = Run(
      "login -u alice --password-stdin --authfile " + AuthFile() + " " + host,
      "s3cret\n");
  EXPECT_EQ(good.exit_code, 0) << good.output;
  EXPECT_EQ(good.output, "Login Succeeded\n");
  EXPECT_FALSE(std::filesystem::exists(dir_.path() + "/root"));  // login needs no store
  struct stat st;
  ASSERT_EQ(::stat(AuthFile().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(*ReadFile(AuthFile()),
            "{\n\t\"auths\": {\n\t\t\"" + host + "\": {\n\t\t\t\"auth\": \"" +
                registry::Base64Encode("alice:s3cret") + "\"\n\t\t}\n\t}\n}\n");

  // Two tags: one good, one on a registry nobody listens on. Both are
  // tried; the good one prints its digest; the exit code says unreachable.
  CommandResult push = Run("build --progress quiet --retry 0 --push -t " +
                           host + "/app:1 -t 127.0.0.1:1/app:1 --authfile " +
                           AuthFile() + " " + dir_.path() + "/ctx");
  EXPECT_EQ(push.exit_code, 4) << push.output;
  EXPECT_NE(push.output.find(host + "/app:1@sha256:"), std::string::npos)
      << push.output;
  EXPECT_NE(push.output.find("mybuild: push 127.0.0.1:1/app:1: "),
            std::string::npos);
  EXPECT_NE(push.output.find("mybuild: push failed for 1 of 2 tags\n"),
            std::string::npos);

  CommandResult anon = Run("push " + host + "/app:1");
  EXPECT_EQ(anon.exit_code, 3) << anon.output;
  EXPECT_EQ(
      anon.output,
      "mybuild: push " + host +
          "/app:1: unauthorized: authentication required: no credentials for " +
          host + " (looked in " + dir_.path() +
          "/.docker/config.json); registry " + host +
          ", repository app, scope repository:app:pull\n");

  CommandResult out = Run("logout --authfile " + AuthFile() + " " + host);
  EXPECT_EQ(out.output, "Removed login credentials for " + host + "\n");
  EXPECT_EQ(*ReadFile(AuthFile()), "{\n\t\"auths\": {}\n}\n");
  CommandResult again = Run("logout --authfile " + AuthFile() + " " + host);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(again.output,
            "mybuild: not logged in to " + host + " (" + AuthFile() + ")\n");
}

// `build --push`, `-o type=registry` and `mybuild push` of the same build
// send the same bytes: one manifest digest, whichever way.
TEST_F(LoginPushTest, BuildPushAndPushSendTheSameImage) {
  const std::string host = reg_->host();
  // Both builds make the same bytes: no times of their own.
  const std::string epoch = "SOURCE_DATE_EPOCH=1700000000";
  const std::string auth = " --authfile " + AuthFile();
  ASSERT_EQ(Run("login -u alice --password-stdin" + auth + " " + host, "s3cret\n").exit_code,
            0);
  ASSERT_TRUE(WriteFileAtomic(dir_.path() + "/ctx/Dockerfile",
                              "FROM scratch\nCOPY f /f\nCOPY f /g\n")
                  .ok());
  CommandResult built = Run("build --progress quiet -t " + host + "/app:local " +
                            dir_.path() + "/ctx", "", epoch);
  ASSERT_EQ(built.exit_code, 0) << built.output;
  CommandResult pushed = Run("push" + auth + " " + host + "/app:local");
  ASSERT_EQ(pushed.exit_code, 0) << pushed.output;
  const std::string digest = pushed.output.substr(pushed.output.find('@') + 1);
  ASSERT_EQ(digest.rfind("sha256:", 0), 0u) << pushed.output;

  // A fresh store, so the build's push makes every gzip variant itself.
  std::filesystem::remove_all(dir_.path() + "/root");
  CommandResult flag = Run("build --progress quiet --push" + auth + " -t " + host + "/app:flag " +
                           dir_.path() + "/ctx", "", epoch);
  EXPECT_EQ(flag.exit_code, 0) << flag.output;
  // The pushed REF@DIGEST, then the image ID line a build prints.
  EXPECT_EQ(flag.output.rfind(host + "/app:flag@" + digest, 0), 0u) << flag.output;
  CommandResult out = Run("build --progress quiet" + auth + " -o type=registry,name=" + host +
                          "/other:reg " + dir_.path() + "/ctx", "", epoch);
  EXPECT_EQ(out.exit_code, 0) << out.output;
  EXPECT_EQ(out.output.rfind(host + "/other:reg@" + digest, 0), 0u) << out.output;
}

TEST_F(LoginPushTest, LoginStoresThroughTheConfiguredHelper) {
  const std::string host = reg_->host();
  ASSERT_TRUE(WriteFileAtomic(dir_.path() + "/docker-credential-rec",
                              "#!/bin/sh\ncat > " + dir_.path() + "/$1.in\n",
                              0755)
                  .ok());
  ASSERT_TRUE(WriteFileAtomic(AuthFile(), R"({"credsStore": "rec"})").ok());
  CommandResult good =
      Run("login -u alice -p s3cret --authfile " + AuthFile() + " " + host);
  EXPECT_EQ(good.exit_code, 0) << good.output;
  EXPECT_EQ(*ReadFile(dir_.path() + "/store.in"),
            R"({"Secret":"s3cret","ServerURL":")" + host +
                R"(","Username":"alice"})");
  EXPECT_EQ(*ReadFile(AuthFile()), R"({"credsStore": "rec"})");
}

// A TLS registry with a private CA: found through $MYBUILD_CERTS_D.
TEST_F(LoginPushTest, LoginToATlsRegistryThroughCertsD) {
  LocalRegistryOptions o;
  o.tls = true;
  o.user = "alice";
  o.password = "s3cret";
  auto tls = LocalRegistry::Start(o);
  ASSERT_TRUE(tls.ok()) << tls.status().message();
  const std::string host = (*tls)->host();
  const std::string login = "login -u alice -p s3cret --authfile " + AuthFile() + " " + host;
  CommandResult untrusted = Run(login, "", "MYBUILD_CERTS_D=" + dir_.path() + "/none");
  EXPECT_EQ(untrusted.exit_code, 4) << untrusted.output;
  EXPECT_EQ(untrusted.output,
            "mybuild: login " + host + ": GET https://" + host +
                "/v2/: the server's TLS certificate is not trusted (SSL certificate problem: "
                "unable to get local issuer certificate)\n");
  ASSERT_TRUE(MakeDirs(dir_.path() + "/certs.d/" + host).ok());
  ASSERT_TRUE(WriteFileAtomic(dir_.path() + "/certs.d/" + host + "/ca.crt",
                              *ReadFile((*tls)->ca_cert()))
                  .ok());
  CommandResult good =
      Run(login, "", "MYBUILD_CERTS_D=" + dir_.path() + "/none:" + dir_.path() + "/certs.d");
  EXPECT_EQ(good.exit_code, 0) << good.output;
  EXPECT_EQ(good.output, "Login Succeeded\n");
}

}  // namespace
}  // namespace mybuild::cli
