// RUN and COPY heredocs built for real over a busybox rootfs: each RUN form
// runs as BuildKit runs it, COPY heredocs land as files of their own, and
// nothing of /dev/pipes reaches a layer.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "executor/dockerfile_test_support.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild::executor {
namespace {

using testing::BuildDockerfile;
using testing::RecordingProgress;
using testing::Tree;
using testing::UnpackWithUmoci;

class DockerfileHeredocTest : public testing::BuildTest {
 protected:
  void SetUp() override {
    SetUpBuild(true, true);
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(WriteFileAtomic(P("ctx/c.txt"), "C\n").ok());
  }
};

constexpr char kDockerfile[] =
    "FROM scratch\n"
    "COPY rootfs/ /\n"
    "ARG WHO=world\n"
    "RUN <<EOF\n"
    "echo one\n"
    "echo \"two $WHO\"\n"
    "EOF\n"
    "RUN sh <<EOF\n"
    "echo \"fed by sh: $WHO\"\n"
    "EOF\n"
    "RUN cat <<EOF > /out\n"
    "written $WHO\n"
    "EOF\n"
    "RUN <<EOF\n"
    "#!/bin/sh\n"
    "echo \"shebang $0 $(stat -c %a \"$0\")\"\n"
    "EOF\n"
    "COPY <<EOF /x\n"
    "hello $WHO '$WHO' \\$WHO\n"
    "EOF\n"
    "COPY --chmod=755 <<EOF /run.sh\n"
    "#!/bin/sh\n"
    "echo ran\n"
    "EOF\n"
    "COPY --chown=7:8 c.txt <<a <<'b' /multi/\n"
    "A $WHO\n"
    "a\n"
    "B $WHO\n"
    "b\n"
    "RUN /run.sh\n";

TEST_F(DockerfileHeredocTest, EachFormRunsAndCopiesLand) {
  RecordingProgress progress;
  auto built = BuildDockerfile(kDockerfile, P("ctx"), P("root"), {}, progress);
  ASSERT_TRUE(built.ok()) << built.status().message();
  EXPECT_EQ(progress.output,
            "one\ntwo world\n"
            "fed by sh: world\n"
            "shebang /dev/pipes/EOF 755\n"
            "ran\n");
  ASSERT_TRUE(UnpackWithUmoci(*built, P("root"), P("layout"), P("bundle")).ok());
  const std::string rootfs = P("bundle/rootfs");
  EXPECT_EQ(*ReadFile(rootfs + "/out"), "written world\n");
  EXPECT_EQ(*ReadFile(rootfs + "/x"), "hello world 'world' $WHO\n");
  EXPECT_EQ(*ReadFile(rootfs + "/run.sh"), "#!/bin/sh\necho ran\n");
  struct stat st;
  ASSERT_EQ(::lstat((rootfs + "/x").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  EXPECT_EQ(st.st_mtime, 0);
  ASSERT_EQ(::lstat((rootfs + "/run.sh").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0755u);
  EXPECT_EQ(Tree(rootfs, {"/multi"}),
            "/multi/a 644 7:8 8B\n"
            "/multi/b 644 7:8 7B\n"
            "/multi/c.txt 644 7:8 2B\n");
  EXPECT_EQ(*ReadFile(rootfs + "/multi/b"), "B $WHO\n");
  EXPECT_NE(::lstat((rootfs + "/dev/pipes").c_str(), &st), 0);
  // Same content, same keys: a rebuild runs nothing.
  RecordingProgress again;
  ASSERT_TRUE(BuildDockerfile(kDockerfile, P("ctx"), P("root"), {}, again).ok());
  EXPECT_EQ(again.log.find("run "), std::string::npos) << again.log;
}

TEST_F(DockerfileHeredocTest, FailingHeredocScriptStopsTheBuild) {
  RecordingProgress progress;
  auto built = BuildDockerfile(
      "FROM scratch\nCOPY rootfs/ /\nRUN <<EOF\nset -e\nfalse\necho no\nEOF\n",
      P("ctx"), P("root"), {}, progress);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().message(),
            "Dockerfile:3: process \"/bin/sh -c set -e\nfalse\necho no\n\" did "
            "not complete successfully: exit code: 1");
  EXPECT_EQ(progress.output, "");
}

}  // namespace
}  // namespace mybuild::executor
