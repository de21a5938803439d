#include "registry/credentials.h"

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "registry/base64.h"
#include "registry/credential_helper.h"

#include <chrono>
#include <cstdlib>

namespace mybuild::registry {
namespace {

TEST(Base64Test, RoundTripsAndRejects) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("user:pa ss"), "dXNlcjpwYSBzcw==");
  EXPECT_EQ(*Base64Decode("dXNlcjpwYSBzcw=="), "user:pa ss");
  EXPECT_EQ(*Base64Decode("Zm8="), "fo");
  EXPECT_EQ(Base64Decode("Zm8"), std::nullopt);
  EXPECT_EQ(Base64Decode("Z=8="), std::nullopt);
  EXPECT_EQ(Base64Decode("Zm9v!A=="), std::nullopt);
}

TEST(CredentialsTest, CanonicalRegistryFoldsDockerHub) {
  EXPECT_EQ(CanonicalRegistry("https://index.docker.io/v1/"), "docker.io");
  EXPECT_EQ(CanonicalRegistry("registry-1.docker.io"), "docker.io");
  EXPECT_EQ(CanonicalRegistry("Docker.IO"), "docker.io");
  EXPECT_EQ(CanonicalRegistry("http://127.0.0.1:5000"), "127.0.0.1:5000");
  EXPECT_EQ(CanonicalRegistry("quay.io"), "quay.io");
}

TEST(CredentialsTest, DockerConfigEntries) {
  CredentialStore store;
  ASSERT_TRUE(store
                  .AddFile(R"({"auths": {
      "https://index.docker.io/v1/": {"auth": ")" +
                               Base64Encode("hub:s3cr:et") + R"("},
      "127.0.0.1:5000": {"username": "u", "password": "p"},
      "quay.io/team/app": {"auth": ")" +
                               Base64Encode("team:x") + R"("},
      "helper.example": {}
    }, "credsStore": "desktop"})",
                           "config.json")
                  .ok());
  EXPECT_EQ(store.Lookup("docker.io"), (Credentials{"hub", "s3cr:et"}));
  EXPECT_EQ(store.Lookup("127.0.0.1:5000"), (Credentials{"u", "p"}));
  EXPECT_EQ(store.Lookup("127.0.0.1:5001"), std::nullopt);
  EXPECT_EQ(store.Lookup("quay.io"), std::nullopt);
  EXPECT_EQ(store.Lookup("helper.example"), std::nullopt);
}

TEST(CredentialsTest, BadFilesNameThemselves) {
  CredentialStore store;
  EXPECT_EQ(store.AddFile("{", "/a.json").message(),
            "auth file \"/a.json\": not a JSON object");
  EXPECT_EQ(store.AddFile(R"({"auths": []})", "/a.json").message(),
            "auth file \"/a.json\": auths is not an object");
  EXPECT_EQ(
      store.AddFile(R"({"auths": {"r": {"auth": "bm9jb2xvbg=="}}})", "/a.json")
          .message(),
      "auth file \"/a.json\": auths[\"r\"].auth is not base64 of "
      "user:password");
  EXPECT_TRUE(store.AddFile("{}", "/empty.json").ok());
}

TEST(CredentialsTest, DefaultFilesFollowPodmanOrder) {
  EXPECT_EQ(
      CredentialStore::DefaultFiles({{"REGISTRY_AUTH_FILE", "/a.json"},
                                     {"XDG_RUNTIME_DIR", "/run/user/1"},
                                     {"HOME", "/home/u"}}),
      (std::vector<std::string>{"/a.json", "/run/user/1/containers/auth.json",
                                "/home/u/.docker/config.json"}));
  EXPECT_EQ(CredentialStore::DefaultFiles({{"HOME", "/root"}}),
            std::vector<std::string>{"/root/.docker/config.json"});
  // $DOCKER_CONFIG comes before the home directory's file.
  EXPECT_EQ(CredentialStore::DefaultFiles({{"DOCKER_CONFIG", "/ci/docker"}, {"HOME", "/root"}}),
            (std::vector<std::string>{"/ci/docker/config.json", "/root/.docker/config.json"}));
}

// A credential helper, as a script on $PATH, answering by server address.
class CredentialHelperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<TempDir>(std::move(TempDir::Create()).value());
    ASSERT_TRUE(WriteFileAtomic(dir_->path() + "/docker-credential-fake", R"(#!/bin/sh
[ "$1" = get ] || exit 9
read server
case "$server" in
  quay.io) echo '{"ServerURL":"quay.io","Username":"robot","Secret":"t0ken"}' ;;
  https://index.docker.io/v1/) echo '{"ServerURL":"hub","Username":"hubuser","Secret":"hubpw"}' ;;
  broken.example) echo "keychain locked" >&2; exit 3 ;;
  slow.example) sleep 5 ;;
  garbled.example) echo 'not json' ;;
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
)", 0755).ok());
    old_path_ = std::getenv("PATH") ? std::getenv("PATH") : "";
    ::setenv("PATH", (dir_->path() + ":" + old_path_).c_str(), 1);
  }
  void TearDown() override { ::setenv("PATH", old_path_.c_str(), 1); }
  std::unique_ptr<TempDir> dir_;
  std::string old_path_;
};

TEST_F(CredentialHelperTest, CredHelpersAndCredsStoreAreAsked) {
  CredentialStore store;
  ASSERT_TRUE(store.AddFile(R"({"credsStore": "fake",
      "credHelpers": {"only.example": "other"},
      "auths": {"file.example": {"auth": ")" + Base64Encode("f:p") + R"("}}})",
                            "config.json")
                  .ok());
  EXPECT_EQ(store.HelperFor("quay.io"), "fake");
  EXPECT_EQ(store.HelperFor("only.example"), "other");
  EXPECT_EQ(**store.Resolve("quay.io"), (Credentials{"robot", "t0ken"}));
  // Docker Hub is asked for by its index address.
  EXPECT_EQ(**store.Resolve("docker.io"), (Credentials{"hubuser", "hubpw"}));
  // "not found" from the helper: the file's entry, else anonymous.
  EXPECT_EQ(**store.Resolve("file.example"), (Credentials{"f", "p"}));
  EXPECT_EQ(*store.Resolve("anon.example"), std::nullopt);
  EXPECT_EQ(store.Resolve("broken.example").status().message(),
            "credential helper docker-credential-fake get for broken.example: exit code 3: "
            "keychain locked");
  EXPECT_EQ(store.Resolve("garbled.example").status().message(),
            "credential helper docker-credential-fake get for garbled.example: answer is not "
            "{\"Username\":...,\"Secret\":...}");
  EXPECT_EQ(store.Resolve("only.example").status().message(),
            "credential helper docker-credential-other: not found in $PATH");
}

TEST_F(CredentialHelperTest, AHelperThatDoesNotAnswerIsStopped) {
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(RunCredentialHelper("fake", "slow.example", std::chrono::milliseconds(300))
                .status()
                .message(),
            "credential helper docker-credential-fake get for slow.example: no answer within "
            "300ms");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(4));
}

// A helper that answers "not found" without reading its input, and exits:
// writing to it is EPIPE, and its SIGPIPE must not kill mybuild. The address
// is longer than a pipe holds, so the write is still going when it exits.
TEST_F(CredentialHelperTest, AHelperThatExitsWithoutReadingIsNotFound) {
  ASSERT_TRUE(WriteFileAtomic(dir_->path() + "/docker-credential-early",
                              "#!/bin/sh\necho 'credentials not found in native keychain'\nexit 1\n",
                              0755)
                  .ok());
  auto r = RunCredentialHelper("early", std::string(1 << 20, 'a'), std::chrono::seconds(5));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, std::nullopt);
}

TEST(CredentialsTest, EarlierFileWinsAndMissingFilesAreSkipped) {
  auto dir = std::move(TempDir::Create()).value();
  std::string first = dir.path() + "/auth.json";
  std::string second = dir.path() + "/config.json";
  ASSERT_TRUE(WriteFileAtomic(first, R"({"auths": {"r.example": {"auth": ")" +
                                         Base64Encode("one:1") + R"("}}})")
                  .ok());
  ASSERT_TRUE(WriteFileAtomic(second, R"({"auths": {
      "r.example": {"auth": ")" + Base64Encode("two:2") +
                                          R"("},
      "s.example": {"auth": ")" + Base64Encode("three:3") +
                                          R"("}}})")
                  .ok());
  auto store = CredentialStore::Load({first, dir.path() + "/missing.json", second});
  EXPECT_EQ(store.Lookup("r.example"), (Credentials{"one", "1"}));
  EXPECT_EQ(store.Lookup("s.example"), (Credentials{"three", "3"}));
  EXPECT_EQ(store.Lookup("r.example")->source,
            "auth file \"" + first + "\" key \"r.example\"");
}

TEST(CredentialsTest, KeyFormsAndABrokenFileOnlyWhenReached) {
  CredentialStore store;
  ASSERT_TRUE(store.AddFile(R"({"auths": {
      "https://a.example": {"username": "a", "password": "1"},
      "https://b.example:5000/v1/": {"username": "b", "password": "2"},
      "c.example": {"auth": "", "identitytoken": "tok"}}})", "/first.json").ok());
  EXPECT_EQ(store.AddFile("[1]", "/second.json").message(),
            "auth file \"/second.json\": not a JSON object");
  EXPECT_EQ(**store.Resolve("a.example"), (Credentials{"a", "1"}));
  EXPECT_EQ(**store.Resolve("b.example:5000"), (Credentials{"b", "2"}));
  EXPECT_EQ(**store.Resolve("c.example"), (Credentials{"", "", "tok"}));
  EXPECT_EQ((*store.Resolve("a.example"))->source,
            "auth file \"/first.json\" key \"https://a.example\"");
  // Only a lookup that reaches the broken file fails.
  EXPECT_EQ(store.Resolve("d.example").status().message(),
            "auth file \"/second.json\": not a JSON object");
  EXPECT_EQ(store.Searched(), "/first.json, /second.json");
}

TEST_F(CredentialHelperTest, StoreAndEraseSpeakTheProtocol) {
  ASSERT_TRUE(WriteFileAtomic(dir_->path() + "/docker-credential-rec", R"(#!/bin/sh
if [ "$1" = erase ]; then read s; [ "$s" = gone.example ] && { echo "credentials not found"; exit 1; }; fi
cat > ")" + dir_->path() + R"(/$1.in"
)", 0755).ok());
  ASSERT_TRUE(StoreInCredentialHelper("rec", "r.example", Credentials{"u", "p\"w"}).ok());
  EXPECT_EQ(*ReadFile(dir_->path() + "/store.in"),
            R"({"Secret":"p\"w","ServerURL":"r.example","Username":"u"})");
  EXPECT_EQ(*EraseFromCredentialHelper("rec", "r.example"), true);
  EXPECT_EQ(*EraseFromCredentialHelper("rec", "gone.example"), false);
}

}  // namespace
}  // namespace mybuild::registry
