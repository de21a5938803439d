// `build -o` end to end, each output read by the real tool made for it:
// skopeo (oci:DIR:TAG, oci-archive:FILE, docker-archive:FILE), umoci
// (the layout, and the rootfs type=local must equal), podman (load, run).
#include <nlohmann/json.hpp>

#include "base/sha256.h"
#include "cache/blob_verify.h"
#include "cli/mybuild_fixture.h"
#include "oci/tree_listing.h"
#include "registry/testing/local_registry.h"

namespace mybuild::cli {
namespace {

using registry::testing::CommandResult;
using registry::testing::ToolInstalled;

class BuildOutputsTest : public testing::MybuildTest {
 protected:
  nlohmann::json Json(const std::string& rel) {
    Expected<std::string> text = ReadFile(P(rel));
    EXPECT_TRUE(text.ok()) << text.status().message();
    return nlohmann::json::parse(text.ok() ? *text : "null");
  }
  static std::string Digest(const std::string& bytes) {
    return "sha256:" + Sha256Hex(bytes);
  }
  // The blob a layout's index lists first, as JSON.
  nlohmann::json FirstManifest(const std::string& layout) {
    nlohmann::json index = Json(layout + "/index.json");
    std::string digest = index["manifests"][0]["digest"];
    return Json(layout + "/blobs/sha256/" + digest.substr(7));
  }
};

TEST_F(BuildOutputsTest, OciLayoutAndArchiveReadBySkopeoUmociAndTheMetadataFile) {
  if (!ToolInstalled("skopeo") || !ToolInstalled("zstd")) GTEST_SKIP() << "no skopeo/zstd";
  Build({"-t", "app:1", "-o", "type=oci,dest=" + P("layout"), "-o",
         "type=oci,dest=" + P("image.tar"), "-o", "type=local,dest=" + P("fs"),
         "-o", "type=tar,dest=" + P("fs.tar"),
         "--metadata-file", P("md.json"), "--iidfile", P("iid")});
  nlohmann::json index = Json("layout/index.json");
  ASSERT_EQ(index["manifests"].size(), 1u);
  nlohmann::json entry = index["manifests"][0];
  EXPECT_EQ(entry["annotations"].dump(),
            R"({"io.containerd.image.name":"docker.io/library/app:1",)"
            R"("org.opencontainers.image.ref.name":"1"})");
  EXPECT_EQ(entry["platform"].dump(), R"({"architecture":"amd64","os":"linux"})");
  nlohmann::json md = Json("md.json");
  EXPECT_EQ(md["containerimage.digest"], entry["digest"]);
  EXPECT_EQ(md["containerimage.descriptor"].dump(),
            nlohmann::json({{"digest", entry["digest"]},
                            {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                            {"size", entry["size"]}}).dump());
  EXPECT_EQ(md["containerimage.config.digest"], *ReadFile(P("iid")));
  EXPECT_EQ(md["image.name"], "docker.io/library/app:1");

  CommandResult r = Sh("skopeo copy oci:layout:1 dir:from-layout && "
                       "skopeo copy oci-archive:image.tar dir:from-archive && "
                       "cmp from-layout/manifest.json from-archive/manifest.json");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  r = Sh("umoci unpack --image layout:1 bundle");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  Expected<std::string> ours = oci::ListTree(P("fs"));
  Expected<std::string> umoci = oci::ListTree(P("bundle/rootfs"));
  ASSERT_TRUE(ours.ok() && umoci.ok());
  EXPECT_EQ(*ours, *umoci);
  EXPECT_NE(ours->find("\ndata d 0750 1:2 "), std::string::npos) << *ours;
  EXPECT_NE(ours->find("\ndata/link l 0777 0:0 "), std::string::npos) << *ours;
  EXPECT_NE(ours->find(" /greeting\n"), std::string::npos) << *ours;
  // type=tar is the same tree: unpacked, it lists the same.
  r = Sh("mkdir fs2 && tar -C fs2 --numeric-owner -xpf fs.tar");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(oci::ListTree(P("fs2"), false).value(), oci::ListTree(P("fs"), false).value());
}

TEST_F(BuildOutputsTest, DockerArchiveLoadsAndRunsInPodman) {
  if (!ToolInstalled("podman")) GTEST_SKIP() << "no podman";
  Build({"-t", "app:1", "-o", "type=docker,dest=" + P("docker.tar")});
  std::string podman = "podman --root " + P("podman") + " --runroot " + P("podman-run") +
                       " --storage-driver vfs ";
  CommandResult r = Sh(podman + "load -i docker.tar");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Loaded image: localhost/app:1\n"), std::string::npos) << r.output;
  // This machine's hard limits are below podman's defaults, hence --ulimit.
  r = Sh(podman + "run --rm --network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 app:1");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "hi\n");
}

TEST_F(BuildOutputsTest, ArchivesGoToStdout) {
  if (!ToolInstalled("skopeo")) GTEST_SKIP() << "no skopeo";
  std::string build = Binary() + " build --progress quiet --root " + Root() + " -t app:1 ";
  CommandResult r = Sh(build + "-o type=oci,dest=- ctx > oci.tar && " + build +
                       "-o type=docker,dest=- ctx > docker.tar && " + build +
                       "-o type=tar,dest=- ctx > rootfs.tar && "
                       "skopeo inspect --raw oci-archive:oci.tar > /dev/null && "
                       "skopeo inspect --raw docker-archive:docker.tar > /dev/null && "
                       "tar tvf rootfs.tar data/");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.substr(0, 15), "drwxr-x--- 1/2 ");
}

TEST_F(BuildOutputsTest, CompressionAndMediaTypesAsAsked) {
  if (!ToolInstalled("skopeo") || !ToolInstalled("zstd")) GTEST_SKIP() << "no skopeo/zstd";
  Build({"-t", "app:1", "--metadata-file", P("md.json"), "-o", "type=image",
         "-o", "type=oci,dest=" + P("plain") + ",compression=uncompressed",
         "-o", "type=oci,dest=" + P("docker") + ",oci-mediatypes=false",
         "-o", "type=oci,dest=" + P("fast") + ",force-compression=true,compression-level=1",
         "-o", "type=oci,dest=" + P("zstd") + ",compression=zstd"});
  nlohmann::json plain = FirstManifest("plain");
  for (const nlohmann::json& l : plain["layers"]) {
    EXPECT_EQ(l["mediaType"], "application/vnd.oci.image.layer.v1.tar");
  }
  // An uncompressed layer's digest is its diff_id.
  nlohmann::json config = Json("plain/blobs/sha256/" +
                               plain["config"]["digest"].get<std::string>().substr(7));
  EXPECT_EQ(config["rootfs"]["diff_ids"][1], plain["layers"][1]["digest"]);
  nlohmann::json docker = FirstManifest("docker");
  EXPECT_EQ(docker["mediaType"], "application/vnd.docker.distribution.manifest.v2+json");
  EXPECT_EQ(docker["config"]["mediaType"], "application/vnd.docker.container.image.v1+json");
  EXPECT_EQ(docker["layers"][0]["mediaType"], "application/vnd.docker.image.rootfs.diff.tar.gzip");
  nlohmann::json fast = FirstManifest("fast");
  EXPECT_NE(fast["layers"][0]["digest"], docker["layers"][0]["digest"]);
  EXPECT_EQ(fast["layers"][0]["mediaType"], "application/vnd.oci.image.layer.v1.tar+gzip");
  nlohmann::json zstd = FirstManifest("zstd");
  EXPECT_EQ(zstd["layers"][1]["mediaType"], "application/vnd.oci.image.layer.v1.tar+zstd");
  // The store remembers the variant, so the next export reuses its blob.
  std::string built = Json("md.json")["containerimage.digest"];
  std::string source = Json("root/blobs/sha256/" + built.substr(7))["layers"][1]["digest"];
  EXPECT_EQ(ReadFile(Root() + "/variants/" + source.substr(7) + "/zstd-3").value(),
            zstd["layers"][1]["digest"]);
  // Linked into the layout (a new ctime), the blob is still marked
  // verified: its next use does not hash it.
  Expected<oci::Digest> variant = oci::Digest::Parse(zstd["layers"][1]["digest"].get<std::string>());
  ASSERT_TRUE(variant.ok());
  EXPECT_TRUE(cache::BlobVerifier(cache::StorePaths(Root())).IsMarked(*variant));
  // Debian's umoci reads no zstd: skopeo checks the digests, zstd and tar the content.
  std::string run_layer = zstd["layers"][1]["digest"].get<std::string>().substr(7);
  CommandResult r = Sh("skopeo copy oci:plain:1 dir:a && skopeo copy oci:fast:1 dir:b && "
                       "skopeo copy oci:zstd:1 dir:c && zstd -dcq c/" + run_layer +
                       " | tar xO greeting");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.substr(r.output.size() - 3), "hi\n");
}

TEST_F(BuildOutputsTest, ImageOutputNamesAndRegistryNeedsOne) {
  // name= replaces the -t tags for that output; --load adds the -t ones.
  Build({"-t", "app:1", "-o", "type=image,name=other:2"});
  CommandResult r = Mybuild({"images"});
  EXPECT_NE(r.output.find("\nother "), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("\napp "), std::string::npos) << r.output;
  Build({"-t", "app:1", "-o", "type=image,name=other:2", "--load"});
  r = Mybuild({"images"});
  EXPECT_NE(r.output.find("\napp "), std::string::npos) << r.output;
  r = Mybuild({"build", "-o", "type=registry", Ctx()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.output,
            "mybuild: type=registry needs a name (--tag or name=)\n"
            "Run 'mybuild --help' for usage.\n");
}

TEST_F(BuildOutputsTest, RegistryAndImagePushOutputs) {
  MYBUILD_REQUIRE_DOCKER_REGISTRY();
  if (!ToolInstalled("skopeo")) GTEST_SKIP() << "no skopeo";
  auto reg = registry::testing::LocalRegistry::Start();
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  std::string a = (*reg)->host() + "/a:1", b = (*reg)->host() + "/b:2";
  Build({"-o", "type=registry,name=" + a, "-o", "type=image,name=" + b + ",push=true",
         "--metadata-file", P("md.json")});
  CommandResult r = Sh("skopeo inspect --raw --tls-verify=false docker://" + a +
                       " > a.json && skopeo inspect --raw --tls-verify=false docker://" + b +
                       " > b.json && cmp a.json b.json");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(Digest(ReadFile(P("a.json")).value()), Json("md.json")["containerimage.digest"]);
  // type=registry does not name the image locally; type=image does.
  EXPECT_EQ(Mybuild({"images", "-q", (*reg)->host() + "/a"}).output, "");
  EXPECT_NE(Mybuild({"images", "-q", (*reg)->host() + "/b"}).output, "");
}

// --annotation as buildx: manifest (the default) in the manifest of every
// output, manifest-descriptor on the layout's index entry, a platform
// qualifier only for its platform; a form buildx refuses is an error.
TEST_F(BuildOutputsTest, AnnotationsInTheLayoutTheRegistryAndTheStore) {
  MYBUILD_REQUIRE_DOCKER_REGISTRY();
  if (!ToolInstalled("skopeo")) GTEST_SKIP() << "no skopeo";
  auto reg = registry::testing::LocalRegistry::Start();
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  std::string pushed = (*reg)->host() + "/a:1";
  Build({"-t", "app:1", "--annotation", "org.opencontainers.image.title=hi=there", "--annotation",
         "manifest,manifest-descriptor:com.example.both=2", "--annotation",
         "manifest-descriptor:com.example.desc=3", "--annotation",
         "manifest[linux/arm64]:com.example.arm=4", "--annotation",
         "manifest[linux/amd64]:com.example.amd=5", "-o", "type=oci,dest=" + P("layout"), "-o",
         "type=image", "-o", "type=registry,name=" + pushed, "--metadata-file", P("md.json")});
  nlohmann::json entry = Json("layout/index.json")["manifests"][0];
  EXPECT_EQ(entry["annotations"].dump(),
            R"({"com.example.both":"2","com.example.desc":"3",)"
            R"("io.containerd.image.name":"docker.io/library/app:1",)"
            R"("org.opencontainers.image.ref.name":"1"})");
  std::string digest = entry["digest"];
  Expected<std::string> manifest = ReadFile(P("layout/blobs/sha256/" + digest.substr(7)));
  ASSERT_TRUE(manifest.ok());
  EXPECT_EQ(nlohmann::json::parse(*manifest)["annotations"].dump(),
            R"({"com.example.amd":"5","com.example.both":"2",)"
            R"("org.opencontainers.image.title":"hi=there"})");
  EXPECT_EQ(Json("md.json")["containerimage.digest"], digest);
  // The registry holds the same manifest, byte for byte; the store the
  // same annotations and config, with the layers as plain tars (they are
  // gzipped for the layout and the push).
  CommandResult r = Sh("skopeo inspect --raw --tls-verify=false docker://" + pushed);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, *manifest);
  r = Mybuild({"inspect", "app:1"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  nlohmann::json stored = nlohmann::json::parse(r.output)[0]["Manifest"];
  nlohmann::json exported = nlohmann::json::parse(*manifest);
  EXPECT_EQ(stored["annotations"], exported["annotations"]);
  EXPECT_EQ(stored["config"], exported["config"]);
  ASSERT_EQ(stored["layers"].size(), exported["layers"].size());
  for (const auto& l : stored["layers"])
    EXPECT_EQ(l["mediaType"], "application/vnd.oci.image.layer.v1.tar");
  for (const auto& l : exported["layers"])
    EXPECT_EQ(l["mediaType"], "application/vnd.oci.image.layer.v1.tar+gzip");

  r = Mybuild({"build", "--annotation", "index:a=b", Ctx()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.output,
            "mybuild: invalid --annotation \"index:a=b\": index annotations not supported for "
            "single platform export (a build of one platform has no index; use manifest: or "
            "manifest-descriptor:)\nRun 'mybuild --help' for usage.\n");
  r = Mybuild({"build", "--annotation", "nokey", Ctx()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.output,
            "mybuild: invalid --annotation \"nokey\": expected key=value\n"
            "Run 'mybuild --help' for usage.\n");
}

}  // namespace
}  // namespace mybuild::cli
