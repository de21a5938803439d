// skopeo and mybuild through a real docker-registry, both ways and in both
// formats: skopeo reads and copies what we push (OCI and Docker media
// types), and we pull and build FROM what skopeo pushed from our OCI layout
// (as is, and converted to Docker's v2s2); and skopeo (Go's zstd reader)
// decompresses our zstd layers, raw frames of incompressible bytes included.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "cli/mybuild_fixture.h"
#include "registry/testing/local_registry.h"

namespace mybuild::cli {
namespace {

using registry::testing::CommandResult;
using registry::testing::LocalRegistry;
using registry::testing::ToolInstalled;

constexpr char kOciManifest[] = "application/vnd.oci.image.manifest.v1+json";
constexpr char kDockerManifest[] = "application/vnd.docker.distribution.manifest.v2+json";

class SkopeoInteropTest : public testing::MybuildTest {
 protected:
  void SetUp() override {
    MybuildTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    MYBUILD_REQUIRE_DOCKER_REGISTRY();
    if (!ToolInstalled("skopeo")) GTEST_SKIP() << "skopeo is not installed";
    auto reg = LocalRegistry::Start();
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    reg_ = std::move(*reg);
  }

  // `skopeo inspect --raw` of REF: the manifest bytes as the registry holds them.
  std::string RawManifest(const std::string& ref) {
    CommandResult r = Run({"skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + ref});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r.output;
  }
  std::string MediaType(const std::string& ref) {
    return nlohmann::json::parse(RawManifest(ref)).value("mediaType", "");
  }
  CommandResult Skopeo(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"skopeo", "--insecure-policy"};
    argv.insert(argv.end(), args.begin(), args.end());
    return Run(argv);
  }

  std::unique_ptr<LocalRegistry> reg_;
};

TEST_F(SkopeoInteropTest, SkopeoReadsWhatWePushInBothFormats) {
  const std::string oci = reg_->host() + "/ours:oci", docker = reg_->host() + "/ours:docker";
  Build({"-o", "type=registry,name=" + oci, "-o",
         "type=registry,name=" + docker + ",oci-mediatypes=false"});
  EXPECT_EQ(MediaType(oci), kOciManifest);
  EXPECT_EQ(MediaType(docker), kDockerManifest);
  for (const std::string& ref : {oci, docker}) {
    CommandResult copy = Skopeo({"copy", "-q", "--src-tls-verify=false", "docker://" + ref,
                                 "oci:" + P("copied") + ":" + ref.substr(ref.rfind(':') + 1)});
    EXPECT_EQ(copy.exit_code, 0) << ref << ": " << copy.output;
    CommandResult config = Run({"skopeo", "inspect", "--config", "--tls-verify=false",
                                "docker://" + ref});
    ASSERT_EQ(config.exit_code, 0) << config.output;
    EXPECT_EQ(nlohmann::json::parse(config.output)["config"]["Cmd"],
              nlohmann::json({"/bin/cat", "/greeting"}));
  }
}

// --format docker, as quay users type it: every output that does not say
// oci-mediatypes= itself gets Docker's manifest, config and layer types.
TEST_F(SkopeoInteropTest, FormatDockerPushesDockerMediaTypes) {
  const std::string docker = reg_->host() + "/fmt:docker", oci = reg_->host() + "/fmt:oci";
  Build({"--format", "docker", "--push", "-t", docker, "-o",
         "type=registry,name=" + oci + ",oci-mediatypes=true"});
  nlohmann::json m = nlohmann::json::parse(RawManifest(docker));
  EXPECT_EQ(m["mediaType"], kDockerManifest);
  EXPECT_EQ(m["config"]["mediaType"], "application/vnd.docker.container.image.v1+json");
  ASSERT_FALSE(m["layers"].empty());
  for (const auto& l : m["layers"]) {
    EXPECT_EQ(l["mediaType"], "application/vnd.docker.image.rootfs.diff.tar.gzip");
  }
  EXPECT_EQ(MediaType(oci), kOciManifest);
  CommandResult zstd = Mybuild({"build", "--format", "docker", "-o",
                                "type=oci,dest=" + P("z"), "-o",
                                "type=oci,dest=" + P("z2") + ",compression=zstd", Ctx()});
  EXPECT_EQ(zstd.exit_code, 2) << zstd.output;
  EXPECT_EQ(zstd.output,
            "mybuild: --format docker: compression=zstd needs OCI media types (Docker has no "
            "zstd type); add oci-mediatypes=true to that -o\n"
            "Run 'mybuild --help' for usage.\n");
}

TEST_F(SkopeoInteropTest, WePullAndBuildFromWhatSkopeoPushed) {
  Build({"-o", "type=oci,dest=" + P("layout")});
  const std::string oci = reg_->host() + "/theirs:oci", docker = reg_->host() + "/theirs:docker";
  CommandResult push_oci =
      Skopeo({"copy", "-q", "--dest-tls-verify=false", "oci:" + P("layout"), "docker://" + oci});
  ASSERT_EQ(push_oci.exit_code, 0) << push_oci.output;
  CommandResult push_docker = Skopeo({"copy", "-q", "--format", "v2s2", "--dest-tls-verify=false",
                                      "oci:" + P("layout"), "docker://" + docker});
  ASSERT_EQ(push_docker.exit_code, 0) << push_docker.output;
  ASSERT_EQ(MediaType(oci), kOciManifest);
  ASSERT_EQ(MediaType(docker), kDockerManifest);

  for (const std::string& ref : {oci, docker}) {
    CommandResult info = Run({"skopeo", "inspect", "--tls-verify=false", "docker://" + ref});
    ASSERT_EQ(info.exit_code, 0) << info.output;
    std::string digest = nlohmann::json::parse(info.output)["Digest"];
    CommandResult pulled = Mybuild({"pull", ref});
    EXPECT_EQ(pulled.exit_code, 0) << pulled.output;
    EXPECT_EQ(pulled.output, ref + "@" + digest + "\n");
  }
  // Built FROM them with the registry gone: their layers unpack and run.
  reg_.reset();
  ASSERT_TRUE(MakeDirs(P("from")).ok());
  for (const std::string& ref : {oci, docker}) {
    ASSERT_TRUE(WriteFileAtomic(P("from/Dockerfile"),
                                "FROM " + ref + "\nRUN cat /greeting /data/link > /twice\n")
                    .ok());
    CommandResult built = Mybuild({"build", "--pull=never", "-o", "type=local,dest=" +
                                   P("out-" + ref.substr(ref.rfind(':') + 1)), P("from")});
    ASSERT_EQ(built.exit_code, 0) << built.output;
    EXPECT_EQ(*ReadFile(P("out-" + ref.substr(ref.rfind(':') + 1) + "/twice")), "hi\nhi\n");
  }
}

// 10 MiB of random bytes are stored as zstd frames of raw blocks, after
// libzstd's frame of the rest: one stream of several frames, which Go's
// reader must take as the whole layer.
TEST_F(SkopeoInteropTest, SkopeoDecompressesOurZstdLayersWithRawFrames) {
  ASSERT_EQ(Sh("head -c 10485760 /dev/urandom > ctx/random.bin").exit_code, 0);
  ASSERT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile",
                              std::string(testing::kHiDockerfile) + "COPY random.bin /random.bin\n")
                  .ok());
  Build({"-o", "type=oci,dest=" + P("layout") + ",compression=zstd"});
  nlohmann::json index = nlohmann::json::parse(*ReadFile(P("layout/index.json")));
  auto blob = [&](const std::string& digest) {
    return P("layout/blobs/sha256/" + digest.substr(digest.find(':') + 1));
  };
  nlohmann::json manifest =
      nlohmann::json::parse(*ReadFile(blob(index["manifests"][0]["digest"])));
  ASSERT_EQ(manifest["layers"].size(), 3u);
  const std::string random_layer = *ReadFile(blob(manifest["layers"][2]["digest"]));
  size_t frames = 0;
  for (size_t at = random_layer.find("\x28\xb5\x2f\xfd"); at != std::string::npos;
       at = random_layer.find("\x28\xb5\x2f\xfd", at + 4)) {
    ++frames;
  }
  EXPECT_GE(frames, 2u);

  CommandResult copy = Skopeo({"copy", "-q", "--dest-decompress", "oci:" + P("layout"),
                               "dir:" + P("dir")});
  ASSERT_EQ(copy.exit_code, 0) << copy.output;
  nlohmann::json config = nlohmann::json::parse(*ReadFile(blob(manifest["config"]["digest"])));
  ASSERT_EQ(config["rootfs"]["diff_ids"].size(), 3u);
  for (const std::string diff_id : config["rootfs"]["diff_ids"]) {
    const std::string hex = diff_id.substr(diff_id.find(':') + 1);
    CommandResult sum = Sh("sha256sum < dir/" + hex);
    EXPECT_EQ(sum.output, hex + "  -\n") << diff_id;
  }
}

}  // namespace
}  // namespace mybuild::cli
