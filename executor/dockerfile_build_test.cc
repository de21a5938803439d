// From Dockerfile text to an image, through the frontend, the planner, the
// real context digester and the executor, then read back with umoci: the
// features of RUN --mount and COPY/ADD, checked in the tree another tool
// unpacks.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "executor/dockerfile_test_support.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild::executor {
namespace {

namespace fs = std::filesystem;
using testing::BuildDockerfile;
using testing::RecordingProgress;
using testing::Tree;
using testing::UnpackWithUmoci;

class DockerfileBuildTest : public testing::BuildTest {
 protected:
  void SetUp() override {
    SetUpBuild(true, true);
    if (IsSkipped() || HasFatalFailure()) return;
    for (const char* p : {"ctx/data", "ctx/tree/etc"})
      ASSERT_TRUE(MakeDirs(P(p)).ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/data/a.txt"), "A\n").ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/data/b.md"), "B\n").ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/tree/etc/conf"), "conf\n").ok());
    ASSERT_EQ(
        std::system(("tar -C " + P("ctx/tree") + " -cJf " + P("ctx/t.txz") +
                     " --owner=5 --group=6 --mtime=@0 etc")
                        .c_str()),
        0);
    ASSERT_TRUE(WriteFileAtomic(P("token"), "s3cret-token").ok());
  }

  // Builds `dockerfile` and unpacks the image with umoci into P("bundle").
  void BuildAndUnpack(const std::string& dockerfile, RecordingProgress& progress) {
    ExecOptions o;
    o.secrets = {{"tok", P("token"), ""}};
    auto built = BuildDockerfile(dockerfile, P("ctx"), P("root"), o, progress);
    ASSERT_TRUE(built.ok()) << built.status().message();
    Status st = UnpackWithUmoci(*built, P("root"), P("layout"), P("bundle"));
    ASSERT_TRUE(st.ok()) << st.message();
  }
};

TEST_F(DockerfileBuildTest, MountsAndCopiesLandAsUmociReadsThem) {
  RecordingProgress progress;
  BuildAndUnpack(
      "FROM scratch AS base\n"
      "COPY rootfs/ /\n"
      "FROM base AS builder\n"
      "RUN --mount=type=cache,target=/cache --mount=type=secret,id=tok "
      "mkdir /out && cp /run/secrets/tok /cache/seen && echo bin > /out/app && "
      "ln /out/app /out/app2 && chmod 700 /out/app\n"
      "FROM base\n"
      "COPY --from=builder --chmod=go=rX /out/ /opt/\n"
      "COPY --parents --exclude=*.md data/./a.txt data/b.md /docs/\n"
      "ADD --chown=7:8 t.txz /srv/\n"
      "RUN --mount=type=bind,source=data,target=/ctx cat /ctx/a.txt > /copied "
      "&& rm /bin/vi\n",
      progress);
  const std::string rootfs = P("bundle/rootfs");
  EXPECT_EQ(Tree(rootfs, {"/opt", "/docs", "/srv"}),
            "/opt/app 755 0:0 4B\n"
            "/opt/app2 755 0:0 4B =/opt/app\n"
            "/docs/a.txt 644 0:0 2B\n"
            "/srv/etc 755 7:8 dir\n"
            "/srv/etc/conf 644 7:8 5B\n");
  EXPECT_EQ(*ReadFile(rootfs + "/copied"), "A\n");
  for (const char* gone : {"/bin/vi", "/cache", "/run", "/ctx", "/docs/b.md"}) {
    struct stat st;
    EXPECT_NE(::lstat((rootfs + gone).c_str(), &st), 0) << gone;
  }
  // The secret reached the step (through the cache it copied it into) but
  // no layer, blob or history.
  std::string cached;
  for (const auto& e : fs::directory_iterator(P("root/cache-mounts"))) {
    if (e.is_directory()) cached += *ReadFile(e.path().string() + "/seen");
  }
  EXPECT_EQ(cached, "s3cret-token");
  EXPECT_EQ(std::system(("grep -rqa s3cret-token " + P("root/blobs") + " " +
                         P("root/snapshots") + " " + P("bundle"))
                            .c_str()),
            256)
      << "the secret is somewhere in the image";
}

}  // namespace
}  // namespace mybuild::executor
