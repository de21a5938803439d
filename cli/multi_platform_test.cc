// One build for linux/amd64 and linux/arm64 with real parts: a busybox base
// of both (the host's busybox-static and Debian's busybox-static:arm64)
// pushed as a two-platform index to a loopback docker-registry, an image
// built FROM it whose RUN runs under qemu-aarch64 for arm64, read back with
// skopeo and umoci per platform; and the cross-compile pattern, whose
// `FROM --platform=$BUILDPLATFORM` stage runs once for both. Root; skipped
// when busybox-static:arm64 cannot be downloaded or no qemu-aarch64 handler
// with the F flag is registered (mybuild binfmt install registers one).
#include <nlohmann/json.hpp>

#include "cli/mybuild_fixture.h"
#include "oci/digest.h"
#include "registry/testing/local_registry.h"

namespace mybuild::cli {
namespace {

using registry::testing::CommandResult;
using registry::testing::LocalRegistry;

class MultiPlatformTest : public testing::MybuildTest {
 protected:
  void SetUp() override {
    MybuildTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Expected<std::string> handler = ReadFile("/proc/sys/fs/binfmt_misc/qemu-aarch64");
    if (!handler.ok() || handler->find("\nflags: ") == std::string::npos ||
        handler->substr(handler->find("\nflags: ")).find('F') == std::string::npos) {
      GTEST_SKIP() << "no qemu-aarch64 binfmt_misc handler with the F flag "
                      "(apt-get install qemu-user-static; mybuild binfmt install)";
    }
    if (Sh("mkdir deb && cd deb && apt-get download busybox-static:arm64 && "
           "dpkg-deb -x busybox-static_*_arm64.deb x").exit_code != 0) {
      GTEST_SKIP() << "cannot download busybox-static:arm64 "
                      "(dpkg --add-architecture arm64; apt-get update)";
    }
    auto reg = LocalRegistry::Start();
    if (reg.status().code() == ErrorCode::kNotFound) GTEST_SKIP() << reg.status().message();
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    reg_ = std::move(*reg);
    // The base: each platform's rootfs, chosen by TARGETARCH, pushed as one
    // index (the host's busybox is amd64).
    ASSERT_EQ(Sh("mv ctx/rootfs ctx/rootfs-amd64 && cp -a ctx/rootfs-amd64 ctx/rootfs-arm64 && "
                 "cp deb/x/bin/busybox ctx/rootfs-arm64/bin/busybox && "
                 "printf 'FROM scratch\\nARG TARGETARCH\\nCOPY rootfs-$TARGETARCH/ /\\n' > "
                 "ctx/Dockerfile").exit_code, 0);
    Build({"--platform", "linux/amd64,linux/arm64", "-t", Base(), "--push"});
  }

  std::string Base() const { return reg_->host() + "/base:1"; }
  // `skopeo copy --override-arch ARCH` of `ref` + `umoci unpack`: the
  // file `path` of that platform's image.
  std::string FileOf(const std::string& ref, const std::string& arch, const std::string& path) {
    std::string n = std::to_string(++copies_);
    std::string dir = "oci-" + n, bundle = "bundle-" + n;
    CommandResult r = Sh("skopeo copy -q --override-arch " + arch +
                         " --src-tls-verify=false docker://" + ref + " oci:" + dir + ":x && "
                         "umoci unpack --image " + dir + ":x " + bundle + " >/dev/null && "
                         "cat " + bundle + "/rootfs" + path);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r.output;
  }

  std::unique_ptr<LocalRegistry> reg_;
  int copies_ = 0;
};

TEST_F(MultiPlatformTest, PushesAnIndexWhoseArm64ImageRanUnderEmulation) {
  ASSERT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile",
                              "FROM " + Base() + "\nRUN uname -m > /arch\n").ok());
  std::string app = reg_->host() + "/app:1";
  CommandResult r = Mybuild({"build", "--progress", "plain", "--platform",
                             "linux/amd64,linux/arm64", "-t", app, "--push", Ctx()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("[linux/arm64 1/1] RUN uname -m > /arch"), std::string::npos)
      << r.output;
  CommandResult raw = Sh("skopeo inspect --raw --tls-verify=false docker://" + app);
  ASSERT_EQ(raw.exit_code, 0) << raw.output;
  nlohmann::json index = nlohmann::json::parse(raw.output);
  EXPECT_EQ(index["mediaType"], "application/vnd.oci.image.index.v1+json");
  ASSERT_EQ(index["manifests"].size(), 2u);
  EXPECT_EQ(index["manifests"][0]["platform"],
            nlohmann::json({{"os", "linux"}, {"architecture", "amd64"}}));
  EXPECT_EQ(index["manifests"][1]["platform"],
            nlohmann::json({{"os", "linux"}, {"architecture", "arm64"}}));
  // The local store keeps the index under a tag (the same build again, all
  // cached): `mybuild push` sends it.
  std::string again = reg_->host() + "/again:1";
  Build({"--platform", "linux/amd64,linux/arm64", "-t", again});
  CommandResult pushed = Mybuild({"push", again});
  ASSERT_EQ(pushed.exit_code, 0) << pushed.output;
  CommandResult raw_again = Sh("skopeo inspect --raw --tls-verify=false docker://" + again);
  ASSERT_EQ(raw_again.exit_code, 0) << raw_again.output;
  EXPECT_EQ(pushed.output, again + "@" + oci::Digest::Of(raw_again.output).str() + "\n");
  // `mybuild tag` names the index too.
  ASSERT_EQ(Mybuild({"tag", again, again + "-2"}).exit_code, 0);
  EXPECT_EQ(Mybuild({"push", again + "-2"}).output,
            again + "-2" + pushed.output.substr(again.size()));
  nlohmann::json pushed_index = nlohmann::json::parse(raw_again.output);
  ASSERT_EQ(pushed_index["manifests"].size(), 2u);
  EXPECT_EQ(pushed_index["manifests"][1]["platform"]["architecture"], "arm64");
  EXPECT_EQ(FileOf(again, "arm64", "/arch"), "aarch64\n");
  // oci-mediatypes=false: a Docker manifest list of Docker manifests.
  std::string docker = reg_->host() + "/docker:1";
  Build({"--platform", "linux/amd64,linux/arm64", "-o",
         "type=registry,name=" + docker + ",oci-mediatypes=false"});
  CommandResult list = Sh("skopeo inspect --raw --tls-verify=false docker://" + docker);
  ASSERT_EQ(list.exit_code, 0) << list.output;
  nlohmann::json manifest_list = nlohmann::json::parse(list.output);
  EXPECT_EQ(manifest_list["mediaType"],
            "application/vnd.docker.distribution.manifest.list.v2+json");
  EXPECT_EQ(manifest_list["manifests"][1]["mediaType"],
            "application/vnd.docker.distribution.manifest.v2+json");
  EXPECT_EQ(manifest_list["manifests"][1]["platform"]["architecture"], "arm64");
  // --format docker says the same for every output, as quay users type it.
  std::string format = reg_->host() + "/format:1";
  Build({"--platform", "linux/amd64,linux/arm64", "--format", "docker", "-t", format, "--push"});
  CommandResult format_list = Sh("skopeo inspect --raw --tls-verify=false docker://" + format);
  ASSERT_EQ(format_list.exit_code, 0) << format_list.output;
  EXPECT_EQ(format_list.output, list.output);
  EXPECT_EQ(FileOf(app, "arm64", "/arch"), "aarch64\n");
  EXPECT_EQ(FileOf(app, "amd64", "/arch"), "x86_64\n");
}

// The cross-compile pattern: the build stage runs natively (x86_64) once,
// and each platform's image gets its output; type=local writes one
// directory per platform, as buildx does.
TEST_F(MultiPlatformTest, RunsTheBuildPlatformStageOnce) {
  ASSERT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile",
                              "FROM --platform=$BUILDPLATFORM " + Base() + " AS build\n"
                              "RUN uname -m > /built && echo ran >> /runs\n"
                              "FROM " + Base() + "\nCOPY --from=build /built /runs /\n"
                              "RUN uname -m > /arch\n").ok());
  CommandResult r = Mybuild({"build", "--progress", "plain", "--platform",
                             "linux/amd64,linux/arm64", "-o", "type=local,dest=" + P("out"),
                             Ctx()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::string run = "[linux/amd64 build 1/1] RUN uname -m > /built";
  size_t first = r.output.find(run);
  ASSERT_NE(first, std::string::npos) << r.output;
  size_t starts = 0;
  for (size_t at = r.output.find(run); at != std::string::npos; at = r.output.find(run, at + 1)) {
    ++starts;
  }
  EXPECT_EQ(starts, 1u) << r.output;
  EXPECT_EQ(Sh("cat out/linux_amd64/built out/linux_arm64/built").output, "x86_64\nx86_64\n");
  EXPECT_EQ(Sh("cat out/linux_amd64/runs out/linux_arm64/runs").output, "ran\nran\n");
  EXPECT_EQ(Sh("cat out/linux_amd64/arch out/linux_arm64/arch").output, "x86_64\naarch64\n");
  EXPECT_EQ(Sh("ls out").output, "linux_amd64\nlinux_arm64\n");
  // type=oci: index.json names the index, which lists both platforms.
  Build({"--platform", "linux/amd64,linux/arm64", "-t", "app:1", "-o",
         "type=oci,dest=" + P("layout"), "--annotation", "index:org.example.i=1",
         "--annotation", "index-descriptor:org.example.d=2", "--annotation",
         "manifest-descriptor[linux/arm64]:org.example.m=3"});
  nlohmann::json top = nlohmann::json::parse(Sh("cat layout/index.json").output);
  ASSERT_EQ(top["manifests"].size(), 1u);
  EXPECT_EQ(top["manifests"][0]["mediaType"], "application/vnd.oci.image.index.v1+json");
  EXPECT_EQ(top["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"], "1");
  EXPECT_EQ(top["manifests"][0]["annotations"]["org.example.d"], "2");
  CommandResult raw = Sh("skopeo inspect --raw oci:layout:1");
  ASSERT_EQ(raw.exit_code, 0) << raw.output;
  nlohmann::json index = nlohmann::json::parse(raw.output);
  ASSERT_EQ(index["manifests"].size(), 2u);
  EXPECT_EQ(index["manifests"][1]["platform"]["architecture"], "arm64");
  EXPECT_EQ(index["annotations"], nlohmann::json({{"org.example.i", "1"}}));
  EXPECT_EQ(index["manifests"][1]["annotations"], nlohmann::json({{"org.example.m", "3"}}));
  EXPECT_FALSE(index["manifests"][0].contains("annotations"));
  CommandResult arm = Sh("skopeo copy -q --override-arch arm64 oci:layout:1 oci:arm:x && "
                         "umoci unpack --image arm:x arm-bundle >/dev/null && "
                         "cat arm-bundle/rootfs/arch");
  EXPECT_EQ(arm.output, "aarch64\n");
}

}  // namespace
}  // namespace mybuild::cli
