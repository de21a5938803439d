#include "oci/image_config.h"

#include <gtest/gtest.h>

namespace mybuild::oci {
namespace {

ImageConfig Sample() {
  ImageConfig c;
  c.created = "2024-01-02T03:04:05Z";
  c.architecture = "amd64";
  c.os = "linux";
  c.config.user = "app";
  c.config.exposed_ports = {"80/tcp"};
  c.config.env = {"PATH=/usr/bin", "A=b"};
  c.config.cmd = {"sh"};
  c.config.working_dir = "/srv";
  c.config.labels = {{"k", "v"}};
  c.config.healthcheck = Healthcheck{{"CMD", "true"}, 30000000000, 0, 0, 0, 3};
  c.config.args_escaped = true;
  c.diff_ids = {Digest::Of("")};
  c.history = {{"2024-01-02T03:04:05Z", "ADD x /", "", "", false},
               {"", "CMD [\"sh\"]", "", "", true}};
  return c;
}

constexpr char kSampleJson[] =
    R"({"architecture":"amd64","config":{"ArgsEscaped":true,"Cmd":["sh"],)"
    R"("Env":["PATH=/usr/bin","A=b"],"ExposedPorts":{"80/tcp":{}},)"
    R"("Healthcheck":{"Interval":30000000000,"Retries":3,"Test":["CMD",)"
    R"("true"]},"Labels":{"k":"v"},"User":"app","WorkingDir":"/srv"},)"
    R"("created":"2024-01-02T03:04:05Z","history":[{"created":)"
    R"("2024-01-02T03:04:05Z","created_by":"ADD x /"},{"created_by":)"
    R"("CMD [\"sh\"]","empty_layer":true}],"os":"linux","rootfs":)"
    R"({"diff_ids":["sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934)"
    R"(ca495991b7852b855"],"type":"layers"}})";

TEST(ImageConfigTest, ExactBytesAndDigest) {
  std::string json = Sample().ToJson();
  EXPECT_EQ(json, kSampleJson);
  EXPECT_EQ(Digest::Of(json).str(),
            "sha256:"
            "7cb58491f4ef2cd62d31adb59991b04858be3f2ec84b3b173f332aff5bf5873f");
}

TEST(ImageConfigTest, ParsesWhatItWrites) {
  auto c = ImageConfig::FromJson(kSampleJson);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(*c, Sample());
}

TEST(ImageConfigTest, EmptyConfigKeepsRequiredFields) {
  ImageConfig c;
  c.architecture = "arm64";
  c.os = "linux";
  c.variant = "v8";
  EXPECT_EQ(c.ToJson(),
            R"({"architecture":"arm64","config":{},"os":"linux",)"
            R"("rootfs":{"diff_ids":[],"type":"layers"},"variant":"v8"})");
}

TEST(ImageConfigTest, DropsNullsKeepsUnknownFields) {
  // Docker writes nulls and fields we do not model; nulls vanish, the rest
  // survive byte for byte (re-sorted, compacted).
  auto c = ImageConfig::FromJson(R"({
    "os": "linux", "architecture": "amd64", "docker_version": "24.0",
    "container_config": {"Hostname": "abc", "Cmd": null},
    "config": {"Cmd": null, "Entrypoint": ["/bin/sh", "-c"],
               "Hostname": "", "AttachStdin": false, "Volumes": {"/d": {}},
               "OnBuild": null, "Shell": ["/bin/bash", "-c"]},
    "rootfs": {"type": "layers", "diff_ids": []}})");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->config.entrypoint, (std::vector<std::string>{"/bin/sh", "-c"}));
  EXPECT_EQ(c->unknown.at("docker_version"), "\"24.0\"");
  EXPECT_EQ(
      c->ToJson(),
      R"({"architecture":"amd64","config":{"AttachStdin":false,)"
      R"("Entrypoint":["/bin/sh","-c"],"Hostname":"","Shell":["/bin/bash",)"
      R"("-c"],"Volumes":{"/d":{}}},"container_config":{"Cmd":null,)"
      R"("Hostname":"abc"},"docker_version":"24.0","os":"linux",)"
      R"("rootfs":{"diff_ids":[],"type":"layers"}})");
}

TEST(ImageConfigTest, Errors) {
  auto msg = [](std::string_view t) {
    return ImageConfig::FromJson(t).status().message();
  };
  EXPECT_EQ(msg(R"({"config":{"Env":"A=b"}})"),
            "image config: config: field \"Env\" must be an array of strings");
  EXPECT_EQ(msg(R"({"rootfs":{"type":"zfs"}})"),
            "image config: rootfs: type \"zfs\" is not \"layers\"");
  EXPECT_EQ(msg(R"({"rootfs":{"type":"layers","diff_ids":["x"]}})"),
            "image config: rootfs: invalid digest \"x\": missing algorithm "
            "prefix");
  EXPECT_EQ(msg(R"({"history":[{"empty_layer":1}]})"),
            "image config: history[0]: field \"empty_layer\" must be true or "
            "false");
  EXPECT_EQ(msg(R"({"config":{"Healthcheck":{"Retries":"3"}}})"),
            "image config: config.Healthcheck: field \"Retries\" must be an "
            "integer");
}

}  // namespace
}  // namespace mybuild::oci
