// What COPY does to its destination, as BuildKit (fsutil's copy) does it,
// through real builds on a busybox rootfs: owners of files from a stage,
// directories that already exist, parents it creates, symlinks on the way
// to the destination; and the identity of RUN cache mounts.
#include <gtest/gtest.h>
#include <unistd.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "executor/dockerfile_test_support.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild::executor {
namespace {

using testing::BuildDockerfile;
using testing::RecordingProgress;

class CopyDestTest : public testing::BuildTest {
 protected:
  void SetUp() override {
    SetUpBuild(true, false);
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(MakeDirs(P("ctx/d/sub")).ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/d/sub/f"), "F\n").ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/f"), "F\n").ok());
    // Context files come in as root's whoever owns them on the host.
    ASSERT_EQ(::chown(P("ctx/f").c_str(), 5, 6), 0);
    ASSERT_EQ(::chmod(P("ctx/f").c_str(), 0644), 0);
    ASSERT_EQ(::chmod(P("ctx/d/sub/f").c_str(), 0644), 0);
    ASSERT_EQ(::chmod(P("ctx/d/sub").c_str(), 0755), 0);
  }

  // Builds `steps` on the busybox rootfs and returns what they printed, or
  // the error.
  std::string Output(const std::string& steps) {
    RecordingProgress progress;
    auto built = BuildDockerfile("FROM scratch\nCOPY rootfs/ /\n" + steps,
                                 P("ctx"), P("root"), {}, progress);
    if (!built.ok()) return "error: " + built.status().message();
    return progress.output;
  }
};

constexpr char kStat[] = "RUN stat -c '%n %u:%g %a' ";

TEST_F(CopyDestTest, FromAStageKeepsOwnersContextFilesAreRoots) {
  EXPECT_EQ(Output(std::string("RUN mkdir -p /t/s && echo x > /t/s/f && "
                               "chown -R 7:8 /t && chmod 700 /t/s\n"
                               "FROM scratch\nCOPY rootfs/ /\n"
                               "COPY --from=0 /t /t\n"
                               "COPY --from=0 /t/s/f /one\n"
                               "COPY --from=0 --chown=3:4 /t /c\n"
                               "COPY f /ctx\n") +
                   kStat + "/t /t/s /t/s/f /one /c /c/s /c/s/f /ctx\n"),
            // The directory COPY makes for a source's contents is root's,
            // as fsutil's MkdirAll makes it; what is copied keeps its owner.
            "/t 0:0 755\n/t/s 7:8 700\n/t/s/f 7:8 644\n/one 7:8 644\n"
            "/c 3:4 755\n/c/s 3:4 700\n/c/s/f 3:4 644\n/ctx 0:0 644\n");
}

TEST_F(CopyDestTest, AnExistingDestinationDirectoryKeepsOwnerAndMode) {
  EXPECT_EQ(Output(std::string("RUN mkdir -p /d/sub && chown 99:98 /d && "
                               "chmod 700 /d && chown 97:97 /d/sub\n"
                               "COPY d/ /d/\n"
                               "COPY --chown=99:99 d/ /e/\n"
                               "COPY d/ /e/\n") +
                   kStat + "/d /d/sub /e /e/sub\n"),
            // Only the top directory is left alone: below it, fsutil's copy
            // gives the existing directories the source's metadata.
            "/d 99:98 700\n/d/sub 0:0 755\n/e 99:99 755\n/e/sub 0:0 755\n");
}

// As current BuildKit (fsutil's copy restores the timestamp of a directory
// that existed before it copied into it: tonistiigi/fsutil#140, fixing
// moby/buildkit#2884): directories of the image keep their mtimes whether
// they get a new entry, a replaced one or a merged directory; directories
// COPY makes get the step's time.
TEST_F(CopyDestTest, ExistingDirectoriesKeepTheirMtimes) {
  EXPECT_EQ(Output("RUN mkdir -p /p/q /o /r/d/sub && echo old > /r/f && "
                   "touch -t 200001020304 /p/q /p /o /r /r/d\n"
                   "COPY f /p/q/\n"
                   "COPY f /o/x/y/\n"
                   "COPY f /r/\n"
                   "COPY d/ /r/d/\n"
                   "RUN stat -c '%n %Y' /p /p/q /o /r /r/d && for d in /o/x /o/x/y; do "
                   "[ $(stat -c %Y $d) -gt 1700000000 ] && echo $d now; done\n"),
            "/p 946782240\n/p/q 946782240\n/o 946782240\n/r 946782240\n"
            "/r/d 946782240\n/o/x now\n/o/x/y now\n");
}

TEST_F(CopyDestTest, ChownOwnsTheDirectoriesCopyCreates) {
  EXPECT_EQ(Output(std::string("WORKDIR /w\n"
                               "COPY --chown=10001:10001 d/ bin/\n"
                               "COPY --chown=10002:10003 f x/y/\n") +
                   kStat + "/w /w/bin /w/bin/sub /w/x /w/x/y /w/x/y/f\n"),
            "/w 0:0 755\n/w/bin 10001:10001 755\n/w/bin/sub 10001:10001 755\n"
            "/w/x 10002:10003 755\n/w/x/y 10002:10003 755\n"
            "/w/x/y/f 10002:10003 644\n");
}

TEST_F(CopyDestTest, SymlinksOnTheWayAreFollowedInsideTheRoot) {
  EXPECT_EQ(Output(std::string("RUN ln -s tgt /l && mkdir /real && "
                               "ln -s /real /abs && ln -s ../../real /up\n"
                               "COPY f /l/sub/\n"
                               "COPY f /abs\n"
                               "COPY d/ /up/d/\n") +
                   "RUN find /tgt /real | sort; "
                   "for l in /l /abs /up; do readlink $l; done\n"),
            "/real\n/real/d\n/real/d/sub\n/real/d/sub/f\n/real/f\n"
            "/tgt\n/tgt/sub\n/tgt/sub/f\n"
            "tgt\n/real\n../../real\n");
}

TEST_F(CopyDestTest, CacheMountOwnershipIsPartOfItsIdentity) {
  EXPECT_EQ(
      Output("RUN --mount=type=cache,uid=10,target=/cache touch /cache/a\n"
             "RUN --mount=type=cache,target=/cache ls /cache; echo .\n"
             "RUN --mount=type=cache,uid=10,target=/cache/ ls /cache\n"
             "RUN --mount=type=cache,uid=0,target=/cache ls /cache; echo .\n"
             "RUN --mount=type=cache,id=x,uid=10,target=/c touch /c/b\n"
             "RUN --mount=type=cache,id=x,target=/c ls /c; echo .\n"
             "RUN --mount=type=cache,id=x,uid=10,gid=0,target=/c ls /c\n"),
      ".\na\n.\n.\nb\n");
}

TEST_F(CopyDestTest, ACacheMountPointTheStepMadeIsRemovedAsInBuildKit) {
  // BuildKit's MountStubsCleaner (RemoveMountStubsRecursive, set for every
  // RUN) removes every mount's empty stub, cache mounts' too.
  EXPECT_EQ(
      Output("RUN --mount=type=cache,target=/new/cache touch /new/cache/a\n"
             "RUN ls -d /new/cache /new 2>&1; echo .\n"),
      "ls: /new/cache: No such file or directory\n"
      "ls: /new: No such file or directory\n.\n");
}

}  // namespace
}  // namespace mybuild::executor
