// What a CI job does, end to end: `mybuild login`, then `build --push`,
// with the credentials kept where Docker keeps them ($DOCKER_CONFIG,
// ~/.docker/config.json, a credential helper), against a registry with
// htpasswd auth and one with token auth (a token server that checks the
// password). skopeo reads the pushed image back with the same password.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "cli/registry_cli_fixture.h"
#include "registry/testing/local_registry.h"
#include "registry/testing/token_server.h"

namespace mybuild::cli {
namespace {

using namespace registry::testing;

enum class Auth { kHtpasswd, kToken };

class CiCredentialsTest : public testing::RegistryCliTest,
                          public ::testing::WithParamInterface<Auth> {
 protected:
  void SetUp() override {
    RegistryCliTest::SetUp();
    MYBUILD_REQUIRE_DOCKER_REGISTRY();
    if (!ToolInstalled("skopeo")) GTEST_SKIP() << "skopeo is not installed";
    LocalRegistryOptions o;
    if (GetParam() == Auth::kToken) {
      ASSERT_TRUE(MakeDirs(Path("tokens")).ok());
      auto tokens = TokenServer::Start(Path("tokens"), "alice", "s3cret");
      ASSERT_TRUE(tokens.ok()) << tokens.status().message();
      tokens_ = std::move(*tokens);
      o.token = tokens_->registry_config();
    } else {
      o.user = "alice";
      o.password = "s3cret";
    }
    auto reg = LocalRegistry::Start(o);
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    reg_ = std::move(*reg);
    host_ = reg_->host();
  }

  // A wrong password is refused and saves nothing; the right one is saved;
  // the build then pushes with it, and skopeo finds the digest it printed.
  void LoginBuildPushReadBack(const std::string& env) {
    CommandResult bad = Run("login -u alice --password-stdin " + host_, "wrong\n", env);
    EXPECT_EQ(bad.exit_code, 3) << bad.output;
    EXPECT_NE(bad.output.find("were rejected (401 after sending them); registry " + host_),
              std::string::npos)
        << bad.output;
    CommandResult good = Run("login -u alice --password-stdin " + host_, "s3cret\n", env);
    ASSERT_EQ(good.exit_code, 0) << good.output;
    EXPECT_EQ(good.output, "Login Succeeded\n");

    CommandResult push =
        Run("build --progress quiet --push -t " + host_ + "/app:1 " + Path("ctx"), "", env);
    ASSERT_EQ(push.exit_code, 0) << push.output << reg_->Log();
    const std::string prefix = host_ + "/app:1@";
    ASSERT_EQ(push.output.rfind(prefix, 0), 0u) << push.output;
    const std::string digest = push.output.substr(prefix.size(), 71);
    auto seen = RunCommand({"skopeo", "inspect", "--tls-verify=false", "--creds", "alice:s3cret",
                            "--format", "{{.Digest}}", "docker://" + prefix.substr(0, prefix.size() - 1)});
    ASSERT_TRUE(seen.ok());
    EXPECT_EQ(seen->output, digest + "\n");
  }
  std::string Config(const std::string& dir) { return Path(dir) + "/config.json"; }

  std::unique_ptr<TokenServer> tokens_;
  std::unique_ptr<LocalRegistry> reg_;
  std::string host_;
};

TEST_P(CiCredentialsTest, DockerConfigDirectory) {
  LoginBuildPushReadBack("DOCKER_CONFIG=" + Path("ci-docker"));
  struct stat st;
  ASSERT_EQ(::stat(Config("ci-docker").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_NE(ReadFile(Config("ci-docker"))->find("\"" + host_ + "\""), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(Config(".docker")));
}

TEST_P(CiCredentialsTest, HomeDockerConfig) {
  LoginBuildPushReadBack("");
  EXPECT_NE(ReadFile(Config(".docker"))->find("\"" + host_ + "\""), std::string::npos);
}

// credHelpers names a helper for this registry: login stores through it
// (the config file keeps no secret), and the push gets the password from it.
// Before login the helper's "not found" means anonymous, so the push is
// refused by the registry, not by the helper.
TEST_P(CiCredentialsTest, CredentialHelper) {
  const std::string vault = Path("vault.json");
  ASSERT_TRUE(WriteFileAtomic(Path("docker-credential-vault"),
                              "#!/bin/sh\ncase \"$1\" in\n"
                              "store) cat > " + vault + " ;;\n"
                              "get) if [ -f " + vault + " ]; then cat " + vault +
                                  "; else echo 'credentials not found in native keychain'; "
                                  "exit 1; fi ;;\n"
                              "erase) rm -f " + vault + " ;;\nesac\n",
                              0755)
                  .ok());
  ASSERT_TRUE(MakeDirs(Path(".docker")).ok());
  const std::string config = R"({"credHelpers": {")" + host_ + R"(": "vault"}})";
  ASSERT_TRUE(WriteFileAtomic(Config(".docker"), config).ok());

  CommandResult anonymous =
      Run("build --progress quiet --push -t " + host_ + "/app:0 " + Path("ctx"));
  EXPECT_EQ(anonymous.exit_code, 3) << anonymous.output;
  EXPECT_NE(anonymous.output.find("no credentials for " + host_), std::string::npos)
      << anonymous.output;

  LoginBuildPushReadBack("");
  EXPECT_EQ(*ReadFile(Config(".docker")), config);
  EXPECT_EQ(*ReadFile(vault),
            R"({"Secret":"s3cret","ServerURL":")" + host_ + R"(","Username":"alice"})");
}

INSTANTIATE_TEST_SUITE_P(Registries, CiCredentialsTest,
                         ::testing::Values(Auth::kHtpasswd, Auth::kToken),
                         [](const auto& info) {
                           return info.param == Auth::kToken ? "Token" : "Htpasswd";
                         });

}  // namespace
}  // namespace mybuild::cli
