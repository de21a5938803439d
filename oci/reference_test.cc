#include "oci/reference.h"

#include <gtest/gtest.h>

namespace mybuild::oci {
namespace {

const std::string kSha =
    "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string Full(std::string_view text) {
  auto r = ImageReference::Parse(text);
  return r.ok() ? r->str() : "ERROR " + r.status().message();
}

std::string Error(std::string_view text) {
  auto r = ImageReference::Parse(text);
  return r.ok() ? "OK " + r->str() : r.status().message();
}

TEST(ReferenceTest, NormalisesLikeDocker) {
  EXPECT_EQ(Full("busybox"), "docker.io/library/busybox:latest");
  EXPECT_EQ(Full("library/busybox:1.36"), "docker.io/library/busybox:1.36");
  EXPECT_EQ(Full("team/app"), "docker.io/team/app:latest");
  EXPECT_EQ(Full("index.docker.io/busybox"), "docker.io/library/busybox:latest");
  EXPECT_EQ(Full("127.0.0.1:5000/team/app:v1"), "127.0.0.1:5000/team/app:v1");
  EXPECT_EQ(Full("localhost/app"), "localhost/app:latest");
  EXPECT_EQ(Full("localhost:5000"), "docker.io/library/localhost:5000");
  EXPECT_EQ(Full("quay.io/org/app@" + kSha), "quay.io/org/app@" + kSha);
  EXPECT_EQ(Full("app:tag@" + kSha), "docker.io/library/app:tag@" + kSha);
  EXPECT_EQ(Full("[::1]:5000/app"), "[::1]:5000/app:latest");
  EXPECT_EQ(Full("Foo/bar"), "Foo/bar:latest");  // upper case: a host
  EXPECT_EQ(Full("a.b-c/x__y.z-w--v/q:V_1.2-3"), "a.b-c/x__y.z-w--v/q:V_1.2-3");
}

TEST(ReferenceTest, Parts) {
  auto r = ImageReference::Parse("127.0.0.1:5000/team/app:v1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->host(), "127.0.0.1:5000");
  EXPECT_EQ(r->path(), "team/app");
  EXPECT_EQ(r->tag(), "v1");
  EXPECT_FALSE(r->digest().has_value());
  EXPECT_EQ(r->Name(), "127.0.0.1:5000/team/app");
  EXPECT_EQ(r->ManifestReference(), "v1");
  auto d = ImageReference::Parse("quay.io/org/app@" + kSha);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->tag(), "");
  EXPECT_EQ(d->ManifestReference(), kSha);
}

TEST(ReferenceTest, Familiar) {
  EXPECT_EQ(ImageReference::Parse("busybox")->Familiar(), "busybox:latest");
  EXPECT_EQ(ImageReference::Parse("docker.io/team/app:v1")->Familiar(),
            "team/app:v1");
  EXPECT_EQ(ImageReference::Parse("library/a/b")->Familiar(),
            "library/a/b:latest");
  EXPECT_EQ(ImageReference::Parse("quay.io/org/app")->Familiar(),
            "quay.io/org/app:latest");
}

TEST(ReferenceTest, RegistryHostAndLoopback) {
  auto host = [](std::string_view t) {
    return ImageReference::Parse(t)->RegistryHost();
  };
  auto loop = [](std::string_view t) {
    return ImageReference::Parse(t)->IsLoopback();
  };
  EXPECT_EQ(host("busybox"), "registry-1.docker.io");
  EXPECT_EQ(host("quay.io/org/app"), "quay.io");
  EXPECT_EQ(host("[::1]:5000/app"), "[::1]:5000");
  EXPECT_TRUE(loop("localhost/app"));
  EXPECT_TRUE(loop("localhost:5000/app"));
  EXPECT_TRUE(loop("127.0.0.1:5000/app"));
  EXPECT_TRUE(loop("127.9.8.7/app"));
  EXPECT_TRUE(loop("[::1]:5000/app"));
  EXPECT_FALSE(loop("[::2]:5000/app"));
  EXPECT_FALSE(loop("128.0.0.1/app"));
  EXPECT_FALSE(loop("busybox"));
  EXPECT_FALSE(loop("localhost.example.com/app"));
}

TEST(ReferenceTest, WithTagAndDigest) {
  auto r = ImageReference::Parse("busybox");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->WithTag("1.36").str(), "docker.io/library/busybox:1.36");
  EXPECT_EQ(r->WithDigest(*Digest::Parse(kSha)).str(),
            "docker.io/library/busybox:latest@" + kSha);
}

TEST(ReferenceTest, ErrorsSayWhy) {
  EXPECT_EQ(Error("Foo:bar"),
            "invalid reference \"Foo:bar\": repository name must be lowercase");
  EXPECT_EQ(Error(""), "invalid reference \"\": reference is empty");
  EXPECT_EQ(Error("app:"), "invalid reference \"app:\": invalid tag \"\"");
  EXPECT_EQ(Error("app:-x"), "invalid reference \"app:-x\": invalid tag \"-x\"");
  EXPECT_EQ(Error("app@sha256:12"),
            "invalid reference \"app@sha256:12\": invalid digest "
            "\"sha256:12\": sha256 needs 64 lower-case hex digits");
  EXPECT_EQ(Error("a//b"),
            "invalid reference \"a//b\": invalid repository name component "
            "\"\" (use lowercase letters and digits, separated by . _ __ or "
            "dashes)");
  EXPECT_EQ(Error("ex-.com/app"),
            "invalid reference \"ex-.com/app\": invalid registry host "
            "\"ex-.com\"");
  EXPECT_EQ(Error("host:99999x/app"),
            "invalid reference \"host:99999x/app\": invalid registry host "
            "\"host:99999x\"");
  EXPECT_EQ(Error("[::g]:5000/app"),
            "invalid reference \"[::g]:5000/app\": invalid registry host "
            "\"[::g]:5000\"");
  EXPECT_EQ(Error(kSha.substr(7)),
            "invalid reference \"" + kSha.substr(7) +
                "\": a 64-digit hex string is an image ID, not a repository "
                "name");
  EXPECT_EQ(Error("app_/x"),
            "invalid reference \"app_/x\": invalid repository name component "
            "\"app_\" (use lowercase letters and digits, separated by . _ __ "
            "or dashes)");
  EXPECT_EQ(Error("quay.io/" + std::string(250, 'a')),
            "invalid reference \"quay.io/" + std::string(250, 'a') +
                "\": repository name must not be longer than 255 characters");
}

}  // namespace
}  // namespace mybuild::oci
