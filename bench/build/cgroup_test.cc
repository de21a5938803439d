// The cgroups of RUN steps through the mybuild binary: a fork bomb stops at
// --pids-limit and the build fails at its line saying so; a builder killed
// with kill -9 mid-step leaves its step's cgroup behind, and the next build
// removes it.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "bench/build/harness_test.h"

namespace mybuild::bench {
namespace {

namespace fs = std::filesystem;

// This process's v1 pids cgroup ("/" or "/a/b"), from /proc/self/cgroup.
std::string OwnPidsCgroup() {
  Expected<std::string> text = ReadFile("/proc/self/cgroup");
  if (!text.ok()) return "/";
  size_t at = text->find(":pids:");
  if (at == std::string::npos) return "/";
  return text->substr(at + 6, text->find('\n', at) - at - 6);
}

// Moves this process (all its threads) into the v1 cgroup `dir`.
Status Join(const std::string& dir) {
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(dir + "/cgroup.procs", O_WRONLY));
  return WriteAll(fd.get(), std::to_string(::getpid()), dir + "/cgroup.procs");
}

std::string PidsDir(const std::string& cgroup) {
  return "/sys/fs/cgroup/pids" + (cgroup == "/" ? "" : cgroup);
}

// Each test runs in a pids cgroup of its own, so the builders it starts
// put their step cgroups under it, and no other builder on the machine (a
// test running beside this one) removes a killed builder's step cgroup
// first: every builder clears only the dead ones of its own cgroup.
class CgroupTest : public HarnessTest {
 protected:
  void SetUp() override {
    if (!fs::exists("/sys/fs/cgroup/pids/cgroup.procs")) GTEST_SKIP() << "no cgroup v1 pids controller";
    outer_ = PidsDir(OwnPidsCgroup());
    mine_ = outer_ + "/mybuild-cgroup-test-" + std::to_string(::getpid());
    ASSERT_TRUE(fs::create_directory(mine_)) << mine_;
    Status joined = Join(mine_);
    ASSERT_TRUE(joined.ok()) << joined.message();
    parent_ = mine_ + "/mybuild";
    HarnessTest::SetUp();
  }
  void TearDown() override {
    h_.reset();  // its registry runs in this test's cgroup
    if (mine_.empty()) return;
    (void)Join(outer_);
    std::error_code ec;
    fs::remove(parent_, ec);
    fs::remove(mine_, ec);
  }
  std::vector<std::string> Args(const std::string& body, std::vector<std::string> extra) {
    EXPECT_TRUE(
        WriteTree(h_->Path("ctx"), {{"Dockerfile", "FROM " + h_->base() + "\n" + body}}).ok());
    std::vector<std::string> args = {"build", "--root", h_->Path("root"), "--progress", "plain"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(h_->Path("ctx"));
    return args;
  }
  // Step cgroups of builder `pid`.
  std::vector<std::string> Of(pid_t pid) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(parent_, ec)) {
      std::string name = e.path().filename();
      if (name.rfind(std::to_string(pid) + "-", 0) == 0) out.push_back(e.path());
    }
    return out;
  }
  std::string outer_, mine_;  // the cgroup the test started in, and its own
  std::string parent_;        // where its builders' step cgroups go
};

TEST_F(CgroupTest, ForkBombFailsTheBuildAtItsLine) {
  const std::string bomb = "i=0; while [ $i -lt 200 ]; do sleep 5 & i=$((i+1)); done";
  auto r = h_->Mybuild(Args("RUN " + bomb + "\n", {"--pids-limit", "32"}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->exit_code, 1);
  const std::string want = "mybuild: " + h_->Path("ctx") + "/Dockerfile:2: process \"/bin/sh -c " +
                           bomb +
                           "\" did not complete successfully: exit code: 2: the step hit its "
                           "pids limit (32 processes; --pids-limit raises it)";
  EXPECT_NE(r->output.find(want), std::string::npos) << r->output;
}

TEST_F(CgroupTest, AKilledBuildersCgroupIsRemovedByTheNext) {
  auto pid = h_->StartMybuild(Args("RUN sleep 60\n", {}), h_->Path("killed.log"));
  ASSERT_TRUE(pid.ok()) << pid.status().message();
  std::vector<std::string> left;
  for (int i = 0; i < 3000 && left.empty(); ++i) {
    ::usleep(10000);
    left = Of(*pid);
  }
  ASSERT_EQ(left.size(), 1u) << *ReadFile(h_->Path("killed.log"));
  ::kill(*pid, SIGKILL);
  WaitFor(*pid);
  // The step's processes die with the builder; the directory stays.
  std::string procs = "x";
  for (int i = 0; i < 500 && !procs.empty(); ++i) {
    ::usleep(10000);
    Expected<std::string> now = ReadFile(left[0] + "/cgroup.procs");
    procs = now.ok() ? *now : "";
  }
  EXPECT_EQ(procs, "");
  EXPECT_TRUE(fs::exists(left[0]));
  auto r = h_->Mybuild(Args("RUN echo next\n", {}));
  ASSERT_TRUE(r.ok() && r->exit_code == 0) << (r.ok() ? r->output : r.status().message());
  EXPECT_FALSE(fs::exists(left[0]));
}

}  // namespace
}  // namespace mybuild::bench
