#include "executor/sandbox.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild::executor {
namespace {

class SandboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "sandbox tests need root";
    auto dir = TempDir::Create();
    ASSERT_TRUE(dir.ok()) << dir.status().message();
    dir_ = std::make_unique<TempDir>(std::move(*dir));
    for (const char* d : {"lower", "upper", "work", "mnt", "etc"}) {
      ASSERT_TRUE(MakeDirs(dir_->path() + "/" + d).ok());
    }
    Status st = mybuild::testing::MakeBusyboxRootfs(dir_->path() + "/lower");
    if (st.code() == ErrorCode::kNotFound) GTEST_SKIP() << st.message();
    ASSERT_TRUE(st.ok()) << st.message();
  }

  SandboxSpec Spec(const std::string& script) {
    SandboxSpec s;
    s.lower_dirs = {dir_->path() + "/lower"};
    s.upper_dir = dir_->path() + "/upper";
    // A fresh work dir for every run: the overlay is volatile.
    s.work_dir = dir_->path() + "/work/" + std::to_string(++specs_);
    EXPECT_TRUE(MakeDirs(s.work_dir).ok());
    s.mount_dir = dir_->path() + "/mnt";
    s.etc_dir = dir_->path() + "/etc";
    s.argv = {"/bin/sh", "-c", script};
    s.env = {"PATH=/bin"};
    return s;
  }

  RunResult Run(const SandboxSpec& spec, std::string* output) {
    auto r = RunInSandbox(spec, [&](std::string_view c) { output->append(c); });
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : RunResult{};
  }

  std::unique_ptr<TempDir> dir_;
  int specs_ = 0;  // work dirs handed out
};

TEST_F(SandboxTest, ChangesLandInUpperDirAsOverlayDiff) {
  std::string out;
  RunResult r =
      Run(Spec("echo hello; echo data > /newfile; rm /etc/group"), &out);
  EXPECT_TRUE(r.success());
  EXPECT_EQ(out, "hello\n");
  EXPECT_EQ(*ReadFile(dir_->path() + "/upper/newfile"), "data\n");
  struct stat st;
  ASSERT_EQ(::lstat((dir_->path() + "/upper/etc/group").c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));
  EXPECT_EQ(st.st_rdev, makedev(0, 0));
  // The base layer itself is untouched.
  EXPECT_EQ(::lstat((dir_->path() + "/lower/etc/group").c_str(), &st), 0);
}

TEST_F(SandboxTest, ExitCodeAndTailAreReported) {
  std::string out;
  RunResult r = Run(
      Spec("for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo line$i; done; exit 3"),
      &out);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.success());
  EXPECT_EQ(r.tail,
            "line3\nline4\nline5\nline6\nline7\nline8\nline9\nline10\n"
            "line11\nline12\n");
}

TEST_F(SandboxTest, SeesOnlyItsOwnProcessesAndHostname) {
  std::string out;
  RunResult r =
      Run(Spec("echo $$; hostname; ls /proc | grep -c '^[0-9]'"), &out);
  EXPECT_TRUE(r.success());
  // sh is pid 1; ls and grep are the only other processes.
  EXPECT_EQ(out, "1\nmybuild\n3\n");
}

TEST_F(SandboxTest, BoundingSetIsDockersDefault) {
  std::string out;
  Run(Spec("grep CapBnd /proc/self/status"), &out);
  // CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP
  // NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP.
  EXPECT_EQ(out, "CapBnd:\t00000000a80425fb\n");
}

TEST_F(SandboxTest, NetworkNoneHasOnlyLoopback) {
  SandboxSpec spec = Spec("tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");
  spec.network = NetworkMode::kNone;
  std::string out;
  EXPECT_TRUE(Run(spec, &out).success());
  EXPECT_EQ(out, "lo\n");
}

TEST_F(SandboxTest, RunsAsRequestedUser) {
  SandboxSpec spec =
      Spec("id -u; id -g; id -G; touch /x 2>/dev/null || echo denied");
  spec.uid = 65534;
  spec.gid = 65534;
  spec.supplementary_gids = {65534, 0};
  std::string out;
  EXPECT_TRUE(Run(spec, &out).success());
  EXPECT_EQ(out, "65534\n65534\n65534 0\ndenied\n");
}

TEST_F(SandboxTest, NoBuilderFdReachesTheCommand) {
  auto leaked = OpenFile("/etc/hostname", O_RDONLY);
  ASSERT_TRUE(leaked.ok());
  std::string out;
  Run(Spec("ls /proc/self/fd"), &out);
  // 0, 1, 2 and the fd ls opens on the directory itself.
  EXPECT_EQ(out, "0\n1\n2\n3\n");
}

// Another step's output pipe, open (close-on-exec) in the builder while
// this sandbox starts: no process of this sandbox may keep its write end,
// or that step's read would not end until this one's command does.
TEST_F(SandboxTest, AnotherStepsPipeIsNotHeldOpen) {
  int p[2];
  ASSERT_EQ(::pipe2(p, O_CLOEXEC), 0);
  UniqueFd other_read(p[0]), other_write(p[1]);
  bool eof = false;
  auto r = RunInSandbox(Spec("echo up; sleep 3"), [&](std::string_view) {
    other_write.Reset();
    struct pollfd pfd = {other_read.get(), POLLIN, 0};
    eof = ::poll(&pfd, 1, 1000) == 1 && (pfd.revents & POLLHUP);
  });
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(eof) << "the sandbox kept another step's pipe open";
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST_F(SandboxTest, ATimeoutKillsTheCommand) {
  std::string out;
  auto start = std::chrono::steady_clock::now();
  auto r = RunInSandbox(Spec("echo started; sleep 30"),
                        [&](std::string_view c) { out.append(c); },
                        RunLimits{std::chrono::seconds(1)});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_LT(SecondsSince(start), 10);
  EXPECT_EQ(r->ended_by, "timed out after 1s");
  EXPECT_EQ(r->term_signal, SIGKILL);
  EXPECT_FALSE(r->success());
  EXPECT_EQ(r->tail, "started\n");
}

// Continuous output does not keep a command past its timeout.
TEST_F(SandboxTest, ATimeoutEndsAChattyCommand) {
  auto start = std::chrono::steady_clock::now();
  auto r = RunInSandbox(Spec("yes"), nullptr, RunLimits{std::chrono::milliseconds(1500)});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_LT(SecondsSince(start), 10);
  EXPECT_EQ(r->ended_by, "timed out after 1500ms");
}

// A command that stops itself while the shell (pid 1, which cannot be
// stopped from inside) waits for it, and a child that exited meanwhile:
// nothing can continue it, so it is ended and said so.
TEST_F(SandboxTest, AStepWhoseProcessesAreAllStoppedIsEnded) {
  auto start = std::chrono::steady_clock::now();
  auto r = RunInSandbox(Spec("echo before; sleep 0.2 & sh -c 'kill -STOP $$'; echo after"),
                        nullptr);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_LT(SecondsSince(start), 10);
  EXPECT_EQ(r->ended_by,
            "stopped: every process was stopped (by a signal or a tracer) or waiting for a "
            "stopped one for 2s");
  EXPECT_EQ(r->tail, "before\n");
}

// A stopped process that another one in the sandbox continues is no hang.
TEST_F(SandboxTest, AStoppedProcessThatIsContinuedIsLeftAlone) {
  std::string out;
  RunResult r = Run(Spec("sh -c 'kill -STOP $$; echo resumed' & sleep 3; kill -CONT $!; wait"),
                    &out);
  EXPECT_TRUE(r.success()) << r.ended_by;
  EXPECT_EQ(out, "resumed\n");
}

TEST_F(SandboxTest, MountStubsDoNotReachTheLayer) {
  ASSERT_TRUE(RemoveAll(dir_->path() + "/lower/proc").ok());
  ASSERT_TRUE(RemoveAll(dir_->path() + "/lower/sys").ok());
  std::string out;
  EXPECT_TRUE(Run(Spec("cat /etc/hostname"), &out).success());
  EXPECT_EQ(out, "mybuild\n");
  struct stat st;
  EXPECT_NE(::lstat((dir_->path() + "/upper/proc").c_str(), &st), 0);
  EXPECT_NE(::lstat((dir_->path() + "/upper/sys").c_str(), &st), 0);
  EXPECT_NE(::lstat((dir_->path() + "/upper/etc/hosts").c_str(), &st), 0);
}

// The open-files limit a step should get here: 1048576, unless the builder
// lacks CAP_SYS_RESOURCE and its own hard limit is lower.
uint64_t ExpectedNofile() {
  struct rlimit cur;
  ::getrlimit(RLIMIT_NOFILE, &cur);
  pid_t pid = ::fork();
  if (pid == 0) {
    struct rlimit want = {1048576, 1048576};
    ::_exit(::setrlimit(RLIMIT_NOFILE, &want) == 0 ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  bool can_raise = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return can_raise ? 1048576 : std::min<uint64_t>(cur.rlim_max, 1048576);
}

TEST_F(SandboxTest, SeccompFilterAndRlimitsApply) {
  std::string out;
  EXPECT_TRUE(
      Run(Spec("grep ^Seccomp: /proc/self/status; ulimit -n; ulimit -Hn"), &out)
          .success());
  std::string n = std::to_string(ExpectedNofile());
  EXPECT_EQ(out, "Seccomp:\t2\n" + n + "\n" + n + "\n");
}

TEST_F(SandboxTest, WorkdirThroughProcFdCannotReachTheHost) {
  // A directory the builder holds open: once the sandbox runs, no fd of the
  // builder is left for /proc/self/fd/N to point at.
  UniqueFd host_dir(::open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
  ASSERT_TRUE(host_dir.valid());
  SandboxSpec spec = Spec("pwd");
  spec.cwd = "/proc/self/fd/" + std::to_string(host_dir.get());
  auto r = RunInSandbox(spec, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "sandbox setup: chdir \"" + spec.cwd +
                                      "\": No such file or directory");
}

TEST_F(SandboxTest, SetupFailureNamesTheCallAndPath) {
  SandboxSpec spec = Spec("true");
  spec.cwd = "/does/not/exist";
  auto r = RunInSandbox(spec, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(
      r.status().message(),
      "sandbox setup: chdir \"/does/not/exist\": No such file or directory");
  spec = Spec("true");
  spec.argv = {"nosuchcmd"};
  r = RunInSandbox(spec, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(
      r.status().message(),
      "sandbox setup: exec: \"nosuchcmd\": executable file not found in $PATH");
}

}  // namespace
}  // namespace mybuild::executor
