// RUN and COPY as a Dockerfile drives them, through the real frontend and
// planner: USER names and groups resolved in the image, WORKDIR, SHELL,
// PATH and HOME, RUN --network=none, COPY --chown by name, and secrets that
// never reach a cache key.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "executor/dockerfile_test_support.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild::executor {
namespace {

using testing::BuildDockerfile;
using testing::RecordingProgress;

class DockerfileRunTest : public testing::BuildTest {
 protected:
  void SetUp() override {
    SetUpBuild(true, false);
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(WriteFileAtomic(P("ctx/rootfs/etc/passwd"),
                                "root:x:0:0:root:/root:/bin/sh\n"
                                "app:x:1000:1000:app:/home/app:/bin/sh\n")
                    .ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/rootfs/etc/group"),
                                "root:x:0:\nwheel:x:10:root,app\n"
                                "staff:x:50:app\napp:x:1000:\n")
                    .ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/a.txt"), "A\n").ok());
  }

  // Builds `dockerfile` and returns what its steps printed, or the error.
  std::string Output(const std::string& dockerfile, ExecOptions o = {}) {
    RecordingProgress progress;
    auto built = BuildDockerfile(dockerfile, P("ctx"), P("root"), o, progress);
    if (!built.ok()) return "error: " + built.status().message();
    return progress.output;
  }
};

constexpr char kIds[] =
    "echo \"$(id -u):$(id -g) [$(id -G)] $(pwd) PATH=$PATH HOME=$HOME\"\n";

TEST_F(DockerfileRunTest, UserGroupsWorkdirPathAndHome) {
  EXPECT_EQ(Output(std::string("FROM scratch\nCOPY rootfs/ /\n") +
                   "USER app\nWORKDIR /home/app/work\nRUN " + kIds +
                   "USER app:wheel\nRUN " + kIds +  //
                   "USER 4242\nRUN " + kIds +       //
                   "USER 1000:50\nWORKDIR /\nRUN " + kIds +
                   "USER root\nENV PATH=/bin\nRUN " + kIds),
            // By name: the user's group and its memberships.
            "1000:1000 [1000 10 50] /home/app/work "
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "
            "HOME=/home/app\n"
            // An explicit group replaces the memberships.
            "1000:10 [10] /home/app/work "
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "
            "HOME=/home/app\n"
            // A uid the image does not know: group 0, HOME /.
            "4242:0 [0] /home/app/work "
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "
            "HOME=/\n"
            "1000:50 [50] / "
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "
            "HOME=/home/app\n"
            // The image's own PATH is kept.
            "0:0 [0 10] / PATH=/bin HOME=/root\n");
}

TEST_F(DockerfileRunTest, RepeatedLayersStack) {
  // Empty RUN layers are all the same layer, and so are the two COPYs:
  // overlayfs must not be handed one directory twice.
  EXPECT_EQ(Output("FROM scratch\nCOPY rootfs/ /\nRUN true\nRUN true\n"
                   "COPY a.txt /\nRUN rm /a.txt\nCOPY a.txt /\nRUN cat /a.txt\n"),
            "A\n");
}

TEST_F(DockerfileRunTest, UnknownUserNamesTheLine) {
  EXPECT_EQ(Output("FROM scratch\nCOPY rootfs/ /\nUSER ghost\nRUN true\n"),
            "error: Dockerfile:4: unable to find user ghost: no matching "
            "entries in passwd file");
}

TEST_F(DockerfileRunTest, ShellAndWorkdirCreatedOnFirstUse) {
  EXPECT_EQ(Output("FROM scratch\nCOPY rootfs/ /\n"
                   "WORKDIR /srv/app\n"
                   "RUN stat -c '%n %u:%g %a' /srv /srv/app; echo \"[$-]\"\n"
                   "SHELL [\"/bin/sh\", \"-ec\"]\n"
                   "RUN echo \"[$-]\"\n"),
            "/srv 0:0 755\n/srv/app 0:0 755\n[c]\n[ce]\n");
}

TEST_F(DockerfileRunTest, WorkdirAfterUserMakesTheUsersDirectories) {
  EXPECT_EQ(Output("FROM scratch\nCOPY rootfs/ /\nRUN mkdir -p /srv && chown 7:7 /srv\n"
                   "USER app:staff\nWORKDIR /srv/app/data\nWORKDIR /etc\n"
                   "RUN stat -c '%n %u:%g %a' /srv /srv/app /srv/app/data /etc\n"),
            "/srv 7:7 755\n/srv/app 1000:50 755\n/srv/app/data 1000:50 755\n/etc 0:0 755\n");
  // As BuildKit's: a number is the group too, an unknown name is root.
  EXPECT_EQ(Output("FROM scratch\nCOPY rootfs/ /\nUSER 4242\nWORKDIR /w\n"
                   "USER nobody\nWORKDIR /x\nUSER root\n"
                   "RUN stat -c '%n %u:%g' /w /x\n"),
            "/w 4242:4242\n/x 0:0\n");
}

TEST_F(DockerfileRunTest, NetworkNoneIsPerRun) {
  const std::string ifaces =
      "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort | tr '\\n' ' '"
      "; echo\n";
  EXPECT_EQ(Output("FROM scratch\nCOPY rootfs/ /\nRUN --network=none " +
                   ifaces + "RUN " + ifaces),
            "lo \nlo tap0 \n");  // the default: a private network
}

TEST_F(DockerfileRunTest, CopyChownByNameIntoAWorkdirRelativeDest) {
  EXPECT_EQ(Output("FROM scratch\nCOPY rootfs/ /\nWORKDIR /w\n"
                   "COPY --chown=app:staff a.txt rel/\n"
                   "COPY --chown=app a.txt b.txt\n"
                   "RUN stat -c '%n %u:%g' /w/rel/a.txt /w/b.txt\n"),
            "/w/rel/a.txt 1000:50\n/w/b.txt 1000:1000\n");
  // As BuildKit's: a uid alone is the gid too; names not found are 0 or
  // keep the user's group.
  EXPECT_EQ(Output("FROM scratch\nCOPY rootfs/ /\n"
                   "COPY --chown=1234 a.txt /1\n"
                   "COPY --chown=nobody:nogroup a.txt /2\n"
                   "COPY --chown=app:nogroup a.txt /3\n"
                   "RUN stat -c '%n %u:%g' /1 /2 /3\n"),
            "/1 1234:1234\n/2 0:0\n/3 1000:1000\n");
}

TEST_F(DockerfileRunTest, SecretsAreInNoCacheKey) {
  ASSERT_TRUE(WriteFileAtomic(P("token"), "first").ok());
  ExecOptions o;
  o.secrets = {{"tok", P("token"), ""}};
  const std::string dockerfile =
      "FROM scratch\nCOPY rootfs/ /\n"
      "RUN --mount=type=secret,id=tok wc -c < /run/secrets/tok\n";
  EXPECT_EQ(Output(dockerfile, o), "5\n");
  // Another value: the step is still cached, as in BuildKit.
  ASSERT_TRUE(WriteFileAtomic(P("token"), "second!").ok());
  EXPECT_EQ(Output(dockerfile, o), "");
  o.no_cache = true;
  EXPECT_EQ(Output(dockerfile, o), "7\n");
}

// The progress a build reports: how many steps it shows, each step's cache
// key (the same in a second build, which reuses them), and a failing step.
TEST_F(DockerfileRunTest, ProgressHasPlannedKeysAndFailure) {
  const std::string df = "FROM scratch\nCOPY rootfs/ /\nENV A=1\nRUN echo one\n";
  RecordingProgress first, second, failed;
  ASSERT_TRUE(BuildDockerfile(df, P("ctx"), P("root"), {}, first).ok());
  ASSERT_TRUE(BuildDockerfile(df, P("ctx"), P("root"), {}, second).ok());
  EXPECT_EQ(first.planned, 2);
  EXPECT_EQ(first.log, "run COPY rootfs/ /\nrun RUN echo one\n");
  EXPECT_EQ(second.log, "cached COPY rootfs/ /\ncached RUN echo one\n");
  ASSERT_EQ(first.keys.size(), 2u);
  EXPECT_EQ(first.keys[1].size(), 64u);
  EXPECT_EQ(first.keys, second.keys);
  auto built = BuildDockerfile(df + "RUN exit 3\n", P("ctx"), P("root"), {}, failed);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(failed.log,
            "cached COPY rootfs/ /\ncached RUN echo one\nrun RUN exit 3\nfailed RUN exit 3: " +
                built.status().message() + "\n");
}

}  // namespace
}  // namespace mybuild::executor
