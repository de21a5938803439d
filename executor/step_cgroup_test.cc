// Each RUN step's own cgroup, with the real kernel: a fork bomb stops at
// the pids limit, memory and CPU limits are set, /dev/shm has its size, and
// the cgroup is gone after the step (and a dead builder's are removed).
#include "executor/step_cgroup.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>

#include "base/fd.h"
#include "executor/sandbox_test_fixture.h"

namespace mybuild::executor {
namespace {

class StepCgroupTest : public testing::SandboxFixture {
 protected:
  void SetUp() override {
    SandboxFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto cg = StepCgroup::Create(StepResources{});
    ASSERT_TRUE(cg.ok()) << cg.status().message();
    if (!cg->Enabled()) GTEST_SKIP() << "no cgroup filesystem";
  }
};

bool Exists(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0;
}

std::string Read(const std::string& p) {
  Expected<std::string> s = ReadFile(p);
  return s.ok() ? *s : "(" + s.status().message() + ")";
}

TEST_F(StepCgroupTest, LimitsAreWrittenAndTheCgroupRemoved) {
  StepResources r;
  r.pids_limit = 100;
  r.memory = 64 << 20;
  r.cpu_quota = 50000;  // --cpus=0.5
  std::vector<std::string> dirs;
  {
    auto cg = StepCgroup::Create(r);
    ASSERT_TRUE(cg.ok()) << cg.status().message();
    dirs = cg->dirs();
    bool v2 = dirs.size() == 1;
    if (v2) {
      EXPECT_EQ(Read(dirs[0] + "/pids.max"), "100\n");
      EXPECT_EQ(Read(dirs[0] + "/memory.max"), "67108864\n");
      EXPECT_EQ(Read(dirs[0] + "/cpu.max"), "50000 100000\n");
    } else {
      ASSERT_EQ(dirs.size(), 3u);
      EXPECT_EQ(Read(dirs[0] + "/pids.max"), "100\n");
      EXPECT_EQ(Read(dirs[1] + "/memory.limit_in_bytes"), "67108864\n");
      EXPECT_EQ(Read(dirs[2] + "/cpu.cfs_quota_us"), "50000\n");
      EXPECT_EQ(Read(dirs[2] + "/cpu.cfs_period_us"), "100000\n");
    }
  }
  for (const std::string& d : dirs) EXPECT_FALSE(Exists(d)) << d;
}

TEST_F(StepCgroupTest, ForkBombStopsAtThePidsLimit) {
  // Bounded by the test too: 200 at most, each gone after 5s.
  SandboxSpec spec = Spec(
      "i=0; while [ $i -lt 200 ]; do sleep 5 & i=$((i+1)); done; echo all forked");
  spec.resources.pids_limit = 32;
  std::string out;
  auto r = RunInSandbox(spec, [&](std::string_view c) { out.append(c); });
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->exit_code, 2);
  EXPECT_TRUE(r->pids_limit_hit);
  EXPECT_EQ(out, "/bin/sh: can't fork: Resource temporarily unavailable\n");
}

TEST_F(StepCgroupTest, TheStepRunsInItsCgroupWhichIsGoneAfter) {
  SandboxSpec spec = Spec("grep ':pids:' /proc/self/cgroup || grep '^0::' /proc/self/cgroup");
  std::string out = Run(spec);
  ASSERT_FALSE(out.empty());
  std::string path = out.substr(out.rfind(':') + 1);
  path.pop_back();  // the newline
  EXPECT_NE(path.find("/mybuild/" + std::to_string(::getpid()) + "-"), std::string::npos) << path;
  bool v2 = out.rfind("0::", 0) == 0;
  EXPECT_FALSE(Exists(std::string("/sys/fs/cgroup") + (v2 ? "" : "/pids") + path));
  auto r = RunInSandbox(Spec("true"), nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->pids_limit_hit);
}

TEST_F(StepCgroupTest, MemoryLimitEndsTheStep) {
  SandboxSpec spec = Spec("x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived");
  spec.resources.memory = 16 << 20;
  auto r = RunInSandbox(spec, nullptr);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->success());
  EXPECT_TRUE(r->memory_limit_hit);
}

TEST_F(StepCgroupTest, ShmHasItsSize) {
  SandboxSpec spec = Spec("df -k /dev/shm | tail -1 | awk '{print $2}'");
  spec.resources.shm_size = 1 << 20;
  EXPECT_EQ(Run(spec), "1024\n");
  EXPECT_EQ(Run(Spec("df -k /dev/shm | tail -1 | awk '{print $2}'")), "65536\n");
}

TEST_F(StepCgroupTest, ADeadBuildersCgroupsAreRemoved) {
  auto cg = StepCgroup::Create(StepResources{});
  ASSERT_TRUE(cg.ok() && cg->Enabled());
  std::string parent = cg->dirs()[0].substr(0, cg->dirs()[0].rfind('/'));
  pid_t gone = ::fork();
  if (gone == 0) ::_exit(0);
  ::waitpid(gone, nullptr, 0);
  std::string stale = parent + "/" + std::to_string(gone) + "-7";
  ASSERT_EQ(::mkdir(stale.c_str(), 0755), 0);
  // A process left in it, as a killed builder's step would leave one.
  pid_t left = ::fork();
  if (left == 0) {
    Status st = WriteAll(UniqueFd(::open((stale + "/cgroup.procs").c_str(), O_WRONLY)).get(),
                         "0", "procs");
    ::pause();
    ::_exit(st.ok() ? 0 : 1);
  }
  for (int i = 0; i < 1000 && Read(stale + "/cgroup.procs").empty(); ++i) ::usleep(1000);
  RemoveStaleStepCgroups();
  EXPECT_FALSE(Exists(stale));
  int status = 0;
  ASSERT_EQ(::waitpid(left, &status, 0), left);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  EXPECT_TRUE(Exists(cg->dirs()[0]));  // a live builder's (ours) stays
}

TEST(StepNprocBoundTest, AddsOrLowersRlimitNproc) {
  const uint32_t other = ::geteuid() + 1;
  std::vector<Rlimit> none;
  AddNprocBound(none, 32, other);
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].resource, RLIMIT_NPROC);
  EXPECT_EQ(none[0].soft, 32u);
  EXPECT_EQ(none[0].hard, 32u);
  // --ulimit nproc=500:600 is lowered to the bound; a lower one stays.
  std::vector<Rlimit> high = {{RLIMIT_NOFILE, 8, 8}, {RLIMIT_NPROC, 500, 600}};
  AddNprocBound(high, 32, other);
  ASSERT_EQ(high.size(), 2u);
  EXPECT_EQ(high[1].soft, 32u);
  EXPECT_EQ(high[1].hard, 32u);
  EXPECT_EQ(high[0].soft, 8u);
  std::vector<Rlimit> low = {{RLIMIT_NPROC, 10, 20}};
  AddNprocBound(low, 32, other);
  EXPECT_EQ(low[0].soft, 10u);
  EXPECT_EQ(low[0].hard, 20u);
  // As the builder's own uid: its threads are added (this test has one at least).
  std::vector<Rlimit> own;
  AddNprocBound(own, 32, ::geteuid());
  ASSERT_EQ(own.size(), 1u);
  EXPECT_GE(own[0].soft, 33u);
  EXPECT_LT(own[0].soft, 32u + 1000u);
  std::vector<Rlimit> unlimited;
  AddNprocBound(unlimited, 0, other);
  EXPECT_TRUE(unlimited.empty());
}

// A non-root builder with no cgroup it may use gets RLIMIT_NPROC as its
// pids limit; a failed step that reports EAGAIN hit it. Run in a child that
// gave up root (RLIMIT_NPROC binds nobody else here).
TEST(StepNprocBoundTest, WithoutACgroupANonRootBuilderIsBoundByRlimitNproc) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to become another user";
  char tmpl[] = "/tmp/step-nproc-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::setresgid(65534, 65534, 65534) != 0 || ::setresuid(65534, 65534, 65534) != 0) ::_exit(10);
    StepResources r;
    r.pids_limit = 32;
    auto cg = StepCgroup::Create(r, tmpl);  // not a cgroup filesystem
    if (!cg.ok()) ::_exit(11);
    if (cg->Enabled() || cg->NprocBound() != 32) ::_exit(12);
    if (!cg->PidsLimitHit("one\n/bin/sh: can't fork: Resource temporarily unavailable\n")) {
      ::_exit(13);
    }
    if (!cg->PidsLimitHit("fork/exec /bin/true: resource temporarily unavailable")) ::_exit(14);
    if (cg->PidsLimitHit("exit 1\n")) ::_exit(15);
    r.memory = 1 << 20;  // no RLIMIT stands in for it
    auto mem = StepCgroup::Create(r, tmpl);
    if (mem.ok() || mem.status().message() != std::string("no cgroup filesystem at ") + tmpl +
                                                  ": --memory, --pids-limit and --cpu-quota "
                                                  "need one") {
      ::_exit(16);
    }
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ::rmdir(tmpl);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace mybuild::executor
