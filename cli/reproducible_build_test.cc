// SOURCE_DATE_EPOCH through the binary: two builds of the same context on
// two fresh roots, a second apart, give the same image and the same OCI
// layout, byte for byte; without it they differ.
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/mybuild_fixture.h"

namespace mybuild::cli {
namespace {

using testing::CommandResult;

class ReproducibleBuildTest : public testing::MybuildTest {
 protected:
  void SetUp() override {
    MybuildTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(WriteFileAtomic(Ctx() + "/a.txt", "a\n").ok());
    ASSERT_TRUE(WriteFileAtomic(Ctx() + "/c.txt", "c\n").ok());
    ASSERT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile",
                                "FROM scratch\nCOPY rootfs/ /\n"
                                "RUN echo hi > /greeting && mkdir -p /data/made\n"
                                "COPY a.txt /data/new/\n"
                                "ADD c.txt /added/\n"
                                "CMD [\"/bin/cat\", \"/greeting\"]\n")
                    .ok());
  }
  // Builds on the fresh root NAME with `env` (e.g. SOURCE_DATE_EPOCH=...)
  // into an OCI layout NAME.oci; returns the image ID.
  std::string BuildOn(const std::string& name, const std::string& env) {
    CommandResult r = Run({"env", env, Binary(), "build", "--progress", "quiet",
                           "--root", P(name), "--iidfile", P(name + ".iid"), "-o",
                           "type=oci,dest=" + P(name + ".oci"), Ctx()});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    Expected<std::string> id = ReadFile(P(name + ".iid"));
    return id.ok() ? *id : id.status().message();
  }
};

TEST_F(ReproducibleBuildTest, TwoFreshRootsGiveTheSameImageAndLayout) {
  std::string first = BuildOn("r1", "SOURCE_DATE_EPOCH=1700000000");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  std::string second = BuildOn("r2", "SOURCE_DATE_EPOCH=1700000000");
  EXPECT_EQ(first, second);
  CommandResult diff = Sh("diff -r r1.oci r2.oci");
  EXPECT_EQ(diff.exit_code, 0) << diff.output;
  // The control: without the epoch the times differ, and so do the images.
  std::string third = BuildOn("r3", "TZ=UTC");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_NE(third, BuildOn("r4", "TZ=UTC"));
}

// The manifest of the one image in the OCI layout DIR (relative to the temp dir).
nlohmann::json LayoutManifest(const std::string& dir) {
  Expected<std::string> index = ReadFile(dir + "/index.json");
  if (!index.ok()) return nullptr;
  std::string digest = nlohmann::json::parse(*index)["manifests"][0]["digest"];
  Expected<std::string> m = ReadFile(dir + "/blobs/sha256/" + digest.substr(7));
  return m.ok() ? nlohmann::json::parse(*m) : nullptr;
}

// -o ...,rewrite-timestamp=true,source-date-epoch=N on a build made without
// SOURCE_DATE_EPOCH gives the image a build with it gives, byte for byte;
// the FROM image's layer (files newer than the epoch) is left as it is.
TEST_F(ReproducibleBuildTest, RewriteTimestampAtExportEqualsClampingAtBuild) {
  // A base image of one layer, saved once and loaded into fresh roots.
  ASSERT_TRUE(WriteFileAtomic(Ctx() + "/Dockerfile", "FROM scratch\nCOPY rootfs/ /\n").ok());
  CommandResult base = Run({Binary(), "build", "--progress", "quiet", "--root", P("b"), "-t",
                            "base:1", "-o", "type=image", "-o",
                            "type=oci,dest=" + P("base.oci"), Ctx()});
  ASSERT_EQ(base.exit_code, 0) << base.output;
  CommandResult save = Run({Binary(), "save", "--root", P("b"), "-o", P("base.tar"), "base:1"});
  ASSERT_EQ(save.exit_code, 0) << save.output;
  for (const char* root : {"r1", "r2", "r3"}) {
    CommandResult load = Run({Binary(), "load", "--root", P(root), "-i", P("base.tar")});
    ASSERT_EQ(load.exit_code, 0) << load.output;
  }
  ASSERT_TRUE(MakeDirs(P("app")).ok());
  ASSERT_TRUE(WriteFileAtomic(P("app/a.txt"), "a\n").ok());
  ASSERT_TRUE(WriteFileAtomic(P("app/Dockerfile"),
                              "FROM base:1\nRUN echo made > /made && mkdir /d\n"
                              "COPY a.txt /d/\nCMD [\"/bin/cat\", \"/made\"]\n")
                  .ok());
  auto Iid = [&](const std::string& root) {
    Expected<std::string> id = ReadFile(P(root + ".iid"));
    return id.ok() ? *id : root + ": " + id.status().message();
  };
  auto build = [&](const std::string& root, const std::string& env, const std::string& output) {
    CommandResult r = Run({"env", env, Binary(), "build", "--progress", "quiet", "--root",
                           P(root), "--iidfile", P(root + ".iid"), "-o", output, P("app")});
    EXPECT_EQ(r.exit_code, 0) << r.output;
    return r;
  };
  build("r1", "SOURCE_DATE_EPOCH=1700000000", "type=oci,dest=" + P("r1.oci"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  build("r2", "TZ=UTC",
        "type=oci,dest=" + P("r2.oci") + ",rewrite-timestamp=true,source-date-epoch=1700000000");
  CommandResult diff = Sh("diff -r r1.oci r2.oci");
  EXPECT_EQ(diff.exit_code, 0) << diff.output;
  EXPECT_EQ(Iid("r1"), Iid("r2"));

  nlohmann::json base_m = LayoutManifest(P("base.oci"));
  nlohmann::json app_m = LayoutManifest(P("r2.oci"));
  ASSERT_EQ(app_m["layers"].size(), 3u) << app_m.dump();
  EXPECT_EQ(app_m["layers"][0], base_m["layers"][0]);
  // The layer really holds files newer than the epoch: the rewrite left it so.
  CommandResult newer =
      Sh("tar -tvzf base.oci/blobs/sha256/" +
         std::string(base_m["layers"][0]["digest"]).substr(7) + " | grep -c ' 2023-'");
  EXPECT_EQ(newer.output, "0\n");

  // Without any epoch the option is ignored, with BuildKit's warning.
  CommandResult plain = build("r3", "TZ=UTC", "type=oci,dest=" + P("r3.oci") +
                                                  ",rewrite-timestamp=true");
  EXPECT_NE(plain.output.find("mybuild: warning: rewrite-timestamp is specified, but no "
                              "source-date-epoch was found"),
            std::string::npos)
      << plain.output;
  EXPECT_NE(Iid("r3"), Iid("r1"));
}

TEST_F(ReproducibleBuildTest, ABadEpochIsAnError) {
  CommandResult r = Run({"env", "SOURCE_DATE_EPOCH=soon", Binary(), "build",
                         "--root", Root(), Ctx()});
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("mybuild: SOURCE_DATE_EPOCH \"soon\" is not a number of "
                          "seconds since 1970\n"),
            std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace mybuild::cli
