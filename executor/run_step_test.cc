// A RUN step through ExecuteBuild, the way the planner hands it over: how
// its death by a signal is reported, a working directory that tries to
// reach the builder's descriptors, and an SSH agent forwarded into it (seen
// by the probe, testdata/probe).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "executor/build_executor.h"
#include "executor/dockerfile_test_support.h"
#include "frontend/mount.h"

namespace mybuild::executor {
namespace {

using testing::RecordingProgress;

using testing::CopyStepOf;
using testing::RunStepOf;

class RunStepTest : public testing::BuildTest {
 protected:
  void SetUp() override {
    SetUpBuild(/*busybox=*/true, /*umoci=*/false);
    if (IsSkipped() || HasFatalFailure()) return;
    std::filesystem::copy_file("testdata/probe/probe", P("ctx/rootfs/probe"));
  }
  // Builds COPY rootfs / then `run` (line 2), with `o`.
  Expected<BuiltImage> Build(planner::Step run, RecordingProgress& progress,
                             ExecOptions o = {}) {
    planner::StagePlan stage;
    stage.steps = {CopyStepOf("rootfs", "/", 1), std::move(run)};
    for (planner::Step& s : stage.steps) s.cache_key = Sha256Hex(s.text);
    planner::BuildGraph g;
    g.stages = {stage};
    g.order = {0};
    g.target = 0;
    o.context_dir = P("ctx");
    o.created = "2026-01-01T00:00:00Z";
    return ExecuteBuild(g, cache::StorePaths(P("root")), o, progress);
  }
};

TEST_F(RunStepTest, DeathBySignalIsReportedWithTheLineAndOutput) {
  // Past its CPU limit the kernel kills the step's pid 1 with SIGKILL.
  RecordingProgress p;
  auto built = Build(RunStepOf({"/bin/sh", "-c",
                              "echo one; echo two; ulimit -t 1; "
                              "while :; do :; done"},
                             2),
                     p);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().code(), ErrorCode::kBuildFailed);
  EXPECT_EQ(built.status().message(),
            "Dockerfile:2: process \"/bin/sh -c echo one; echo two; ulimit -t "
            "1; while :; do :; done\" did not complete successfully: killed "
            "by signal 9\n  > one\n  > two");
}

TEST_F(RunStepTest, AForkBombStopsAtThePidsLimitAndSaysSo) {
  // Bounded by the test too: 200 processes at most, each gone after 5s.
  RecordingProgress p;
  ExecOptions o;
  o.resources.pids_limit = 32;
  auto built = Build(RunStepOf({"/bin/sh", "-c",
                              "i=0; while [ $i -lt 200 ]; do sleep 5 & i=$((i+1)); done"},
                             2),
                     p, o);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().code(), ErrorCode::kBuildFailed);
  EXPECT_EQ(built.status().message(),
            "Dockerfile:2: process \"/bin/sh -c i=0; while [ $i -lt 200 ]; do sleep 5 & "
            "i=$((i+1)); done\" did not complete successfully: exit code: 2: the step hit "
            "its pids limit (32 processes; --pids-limit raises it)\n"
            "  > /bin/sh: can't fork: Resource temporarily unavailable");
}

TEST_F(RunStepTest, UlimitsReplaceTheDefaults) {
  RecordingProgress p;
  ExecOptions o;
  o.ulimits = {{RLIMIT_NOFILE, 1024, 2048}, {RLIMIT_NPROC, 500, 600}};
  auto built = Build(RunStepOf({"/bin/sh", "-c", "ulimit -n; ulimit -Hn; ulimit -u"}, 2), p, o);
  ASSERT_TRUE(built.ok()) << built.status().message();
  EXPECT_EQ(p.output, "1024\n2048\n500\n");
}

TEST_F(RunStepTest, WorkdirThroughABuilderFdFailsInsideTheSandbox) {
  // The builder holds the host's / open; a step asking for it by
  // /proc/self/fd/N gets its own (closed) descriptor N instead.
  UniqueFd host_root(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
  ASSERT_TRUE(host_root.valid());
  const std::string cwd = "/proc/self/fd/" + std::to_string(host_root.get());
  planner::Step run = RunStepOf({"/bin/sh", "-c", "pwd; touch escaped"}, 2);
  run.run.workdir = cwd;
  RecordingProgress p;
  auto built = Build(run, p);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().message(), "Dockerfile:2: sandbox setup: chdir \"" +
                                          cwd +
                                          "\": No such file or directory");
  EXPECT_EQ(p.output, "");
  EXPECT_FALSE(std::filesystem::exists("/escaped"));
}

// A stand-in SSH agent at `path`: answers every request with an empty
// identities answer (SSH2_AGENT_IDENTITIES_ANSWER, no keys).
pid_t FakeAgent(const std::string& path) {
  int l = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un a = {};
  a.sun_family = AF_UNIX;
  std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
  if (::bind(l, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(l, 4) != 0) {
    return -1;
  }
  pid_t pid = ::fork();
  if (pid == 0) {
    for (;;) {
      int c = ::accept(l, nullptr, nullptr);
      char buf[256];
      if (::read(c, buf, sizeof buf) > 0) {
        const char answer[] = {0, 0, 0, 5, 12, 0, 0, 0, 0};
        (void)!::write(c, answer, sizeof answer);
      }
      ::close(c);
    }
  }
  ::close(l);
  return pid;
}

TEST_F(RunStepTest, SshMountForwardsTheAgentIntoTheStep) {
  pid_t agent = FakeAgent(P("agent.sock"));
  ASSERT_GT(agent, 0);
  planner::Step run = RunStepOf({"/probe"}, 2);
  auto mount = frontend::ParseMount("type=ssh,uid=65534");
  ASSERT_TRUE(mount.ok());
  run.run.mounts = {{*mount, -1}};
  run.run.user = "nobody";
  ExecOptions o;
  o.ssh = {{"default", P("agent.sock")}};
  RecordingProgress p;
  auto built = Build(run, p, o);
  ::kill(agent, SIGKILL);
  ::waitpid(agent, nullptr, 0);
  ASSERT_TRUE(built.ok()) << built.status().message();
  auto j = nlohmann::json::parse(p.output, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << p.output;
  EXPECT_EQ(j["agent"], std::string("\0\0\0\5\14\0\0\0\0", 9));
  EXPECT_EQ(j["uid"], nlohmann::json({65534, 65534, 65534}));
}

}  // namespace
}  // namespace mybuild::executor
