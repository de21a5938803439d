// images, history, inspect, tag, rmi, save and load through the binary;
// archives written by skopeo and podman load, ours load back.
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/sha256.h"
#include "cache/store_inventory.h"
#include "cli/mybuild_fixture.h"

namespace mybuild::cli {
namespace {

using registry::testing::CommandResult;
using registry::testing::ToolInstalled;

class ImageCommandsTest : public testing::MybuildTest {
 protected:
  // Builds app:1 as if two hours ago (SOURCE_DATE_EPOCH), so CREATED reads
  // "2 hours ago" for the next half hour.
  void BuildTwoHoursAgo() {
    std::string epoch = std::to_string(std::time(nullptr) - 7200);
    CommandResult r = Sh("SOURCE_DATE_EPOCH=" + epoch + " " + Binary() + " --root " + Root() +
                         " build --progress quiet --iidfile iid -t app:1 ctx");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    id_ = ReadFile(P("iid")).value();
  }
  // The bytes of the regular files of the context's rootfs, plus the RUN's "hi\n".
  int64_t ExpectedSize() {
    int64_t total = 3;
    for (const auto& e : std::filesystem::recursive_directory_iterator(Ctx() + "/rootfs")) {
      if (e.is_regular_file() && !e.is_symlink()) total += e.file_size();
    }
    return total;
  }
  std::string id_;  // sha256:...
};

TEST_F(ImageCommandsTest, ImagesTagRmi) {
  BuildTwoHoursAgo();
  std::string row = id_.substr(7, 12) + " 2 hours ago      " + cache::HumanSize(ExpectedSize());
  EXPECT_EQ(Mybuild({"images"}).output,
            "REPOSITORY                     TAG          IMAGE ID     CREATED          SIZE\n"
            "app                            1            " + row + "\n");
  EXPECT_EQ(Mybuild({"images", "-q"}).output, id_.substr(7, 12) + "\n");
  // The sizes were kept: one file per layer, read again next time.
  int kept = 0;
  for (const auto& e : std::filesystem::directory_iterator(Root() + "/sizes")) {
    kept += ReadFile(e.path()).value().back() == '\n';
  }
  EXPECT_EQ(kept, 2);
  EXPECT_EQ(Mybuild({"tag", "app:1", "team/other:2"}).exit_code, 0);
  EXPECT_EQ(Mybuild({"images", "-q", "--no-trunc", "team/other"}).output, id_ + "\n");
  nlohmann::json j = nlohmann::json::parse(Mybuild({"images", "--format", "json", "app"}).output);
  EXPECT_EQ(j["Repository"], "app");
  EXPECT_EQ(j["Tag"], "1");
  EXPECT_EQ(j["CreatedSince"], "2 hours ago");
  EXPECT_EQ(Mybuild({"images", "--format", "{{.Repository}}:{{.Tag}}\\t{{.Size}}"}).output,
            "app:1\t" + cache::HumanSize(ExpectedSize()) + "\nteam/other:2\t" +
                cache::HumanSize(ExpectedSize()) + "\n");
  CommandResult r = Mybuild({"rmi", "team/other:2", "gone:1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output, "Untagged: team/other:2\nmybuild: no image tagged docker.io/library/gone:1 in " +
                          Root() + "\n");
  EXPECT_EQ(Mybuild({"images", "-q", "team/other"}).output, "");
  // An image ID removes every name of that image.
  EXPECT_EQ(Mybuild({"tag", "app:1", "app:2"}).exit_code, 0);
  r = Mybuild({"rmi", id_.substr(7, 12)});
  EXPECT_EQ(r.output, "Untagged: app:1\nUntagged: app:2\n");
  EXPECT_EQ(Mybuild({"images", "-q"}).output, "");
}

// build --label reaches the image config (over the Dockerfile's LABEL);
// -q prints the image ID alone.
TEST_F(ImageCommandsTest, BuildLabelsReachTheImage) {
  ASSERT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile", "FROM scratch\nLABEL a=file\n").ok());
  CommandResult r = Mybuild({"build", "-q", "--label", "a=flag", "--label", "b=2", "-t",
                             "labelled:1", Ctx()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.size(), 72u) << r.output;  // "sha256:<64 hex>\n"
  nlohmann::json inspect = nlohmann::json::parse(Mybuild({"inspect", "labelled:1"}).output);
  EXPECT_EQ(inspect[0]["Config"]["Labels"], (nlohmann::json{{"a", "flag"}, {"b", "2"}}));
}

TEST_F(ImageCommandsTest, HistoryAndInspect) {
  BuildTwoHoursAgo();
  CommandResult r = Mybuild({"history", "app:1"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::string size = cache::HumanSize(ExpectedSize() - 3);
  EXPECT_EQ(r.output,
            "IMAGE          CREATED          CREATED BY                                    SIZE      COMMENT\n" +
            id_.substr(7, 12) + "   2 hours ago      CMD [\"/bin/cat\" \"/greeting\"]                  0B        buildkit.dockerfile.v0\n"
            "<missing>      2 hours ago      RUN /bin/sh -c echo hi > /greeting && mkdir … 3B        buildkit.dockerfile.v0\n"
            "<missing>      2 hours ago      COPY rootfs/ / # buildkit                     " +
            size + std::string(10 - size.size(), ' ') + "buildkit.dockerfile.v0\n");
  r = Mybuild({"history", "--no-trunc", "--format", "json", "app:1"});
  EXPECT_NE(r.output.find("\"CreatedBy\":\"RUN /bin/sh -c echo hi > /greeting && mkdir /data"),
            std::string::npos) << r.output;
  EXPECT_EQ(Mybuild({"history", "--format", "{{.Size}} {{.Comment}}", "app:1"}).output,
            "0B buildkit.dockerfile.v0\n3B buildkit.dockerfile.v0\n" + size +
                " buildkit.dockerfile.v0\n");
  nlohmann::json inspect = nlohmann::json::parse(Mybuild({"inspect", "app:1"}).output);
  EXPECT_EQ(inspect[0]["Id"], id_);
  EXPECT_EQ(inspect[0]["Name"], "docker.io/library/app:1");
  EXPECT_EQ(inspect[0]["Config"]["Cmd"].dump(), R"(["/bin/cat","/greeting"])");
  EXPECT_EQ(inspect[0]["Size"], ExpectedSize());
  EXPECT_EQ(inspect[0]["Manifest"]["layers"].size(), 2u);
}

TEST_F(ImageCommandsTest, SaveAndLoadBothFormatsAndSkopeos) {
  if (!ToolInstalled("skopeo")) GTEST_SKIP() << "no skopeo";
  Build({"-t", "app:1", "--iidfile", P("iid")});
  std::string id = ReadFile(P("iid")).value();
  std::string m = Binary() + " --root ";
  CommandResult r = Sh(m + Root() + " save -o docker.tar app:1 && " +
                       m + Root() + " save --format oci app:1 > oci.tar && " +
                       m + "r2 load -i docker.tar && " + m + "r3 load < oci.tar && "
                       "skopeo copy -q oci-archive:oci.tar docker-archive:sk.tar:sk/app:3 && "
                       "skopeo copy -q docker-archive:docker.tar oci-archive:sk-oci.tar:sk/app:4 && " +
                       m + "r4 load -i sk.tar && " + m + "r4 load -i sk-oci.tar && " +
                       m + "r4 images -q --no-trunc sk/app:3");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "Loaded image: app:1\nLoaded image: app:1\nLoaded image: sk/app:3\n"
                      "Loaded image: sk/app:4\n" + id + "\n");
  r = Sh(m + "r3 images --format json");
  EXPECT_NE(r.output.find("\"Repository\":\"app\""), std::string::npos) << r.output;
  r = Sh("echo nope > bad.tar && tar cf bad2.tar bad.tar && " + m + "r5 load -i bad2.tar");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output, "mybuild: archive \"bad2.tar\": neither a docker archive (manifest.json) "
                      "nor an OCI one (index.json)\n");
}

// The study notes' comparison: a multi-stage build that keeps only its
// result against the single-stage image, by SIZE and by history rows.
TEST_F(ImageCommandsTest, MultiStageAgainstSingleStage) {
  Build({"-t", "single:1"});
  ASSERT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile",
                              "FROM scratch AS build\nCOPY rootfs/ /\nRUN echo hi > /greeting\n"
                              "FROM scratch\nCOPY --from=build /greeting /greeting\n").ok());
  Build({"-t", "multi:1"});
  EXPECT_EQ(Mybuild({"images", "--format", "{{.Repository}} {{.Size}}"}).output,
            "multi 3B\nsingle " + cache::HumanSize(ExpectedSize()) + "\n");
  EXPECT_EQ(Mybuild({"history", "--format", "{{.CreatedBy}} {{.Size}}", "multi:1"}).output,
            "COPY /greeting /greeting # buildkit 3B\n");
  EXPECT_EQ(Mybuild({"history", "--format", "{{.Size}}", "single:1"}).output,
            "0B\n3B\n" + cache::HumanSize(ExpectedSize() - 3) + "\n");
}

// A loaded image is a FROM without a registry: 127.0.0.1:1 refuses every
// connection, so a pull would fail.
TEST_F(ImageCommandsTest, ALoadedImageServesAsFromOffline) {
  if (!ToolInstalled("skopeo")) GTEST_SKIP() << "no skopeo";
  Build({"-t", "app:1", "-o", "type=oci,dest=" + P("layout")});
  ASSERT_TRUE(MakeDirs(P("ctx2")).ok());
  ASSERT_TRUE(WriteFileAtomic(P("ctx2/Dockerfile"),
                              "FROM 127.0.0.1:1/sk/app:3\nRUN cat /greeting\n").ok());
  std::string m = Binary() + " --root r2";  // relative: made absolute for the sandbox
  CommandResult r = Sh("skopeo copy -q oci:layout:1 docker-archive:sk.tar:127.0.0.1:1/sk/app:3 && " +
                       m + " load -i sk.tar && " + m + " build --progress plain ctx2 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("#1 [1/1] RUN cat /greeting\n#1 hi\n"), std::string::npos) << r.output;
}

// Of a multi-platform index, load takes the linux/amd64 image: the arm64
// entry listed first names a blob the archive does not hold.
TEST_F(ImageCommandsTest, LoadPicksThePlatformOfAnIndex) {
  Build({"-t", "app:1", "-o", "type=oci,dest=" + P("layout")});
  nlohmann::json top = nlohmann::json::parse(ReadFile(P("layout/index.json")).value());
  nlohmann::json amd64 = top["manifests"][0];
  nlohmann::json arm64 = amd64;
  arm64["platform"] = {{"architecture", "arm64"}, {"os", "linux"}};
  arm64["digest"] = "sha256:" + std::string(64, 'a');
  arm64.erase("annotations");
  amd64.erase("annotations");
  std::string nested = nlohmann::json({{"schemaVersion", 2},
                                       {"mediaType", "application/vnd.oci.image.index.v1+json"},
                                       {"manifests", {arm64, amd64}}}).dump();
  std::string hex = Sha256Hex(nested);
  ASSERT_TRUE(WriteFileAtomic(P("layout/blobs/sha256/" + hex), nested).ok());
  top["manifests"][0]["mediaType"] = "application/vnd.oci.image.index.v1+json";
  top["manifests"][0]["digest"] = "sha256:" + hex;
  top["manifests"][0]["size"] = nested.size();
  top["manifests"][0].erase("platform");
  ASSERT_TRUE(WriteFileAtomic(P("layout/index.json"), top.dump()).ok());
  CommandResult r = Sh("tar -C layout -cf multi.tar . && " + Binary() + " --root r2 load -i multi.tar");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "Loaded image: app:1\n");
}

TEST_F(ImageCommandsTest, PodmanSavedArchivesLoad) {
  if (!ToolInstalled("podman")) GTEST_SKIP() << "no podman";
  Build({"-t", "app:1", "-o", "type=docker,dest=" + P("d.tar")});
  std::string podman = "podman --root " + P("podman") + " --runroot " + P("podman-run") +
                       " --storage-driver vfs ";
  std::string m = Binary() + " --root r2 ";
  CommandResult r = Sh(podman + "load -q -i d.tar >/dev/null && " + podman +
                       "save -q -o p.tar localhost/app:1 && " + podman +
                       "save -q --format oci-archive -o po.tar localhost/app:1 && " +
                       m + "load -i p.tar && " + m + "load -i po.tar");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "Loaded image: localhost/app:1\nLoaded image: localhost/app:1\n");
}

}  // namespace
}  // namespace mybuild::cli
