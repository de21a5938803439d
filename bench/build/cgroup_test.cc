// The cgroups of RUN steps through the mybuild binary: a fork bomb stops at
// --pids-limit and the build fails at its line saying so; a builder killed
// with kill -9 mid-step leaves its step's cgroup behind, and the next build
// removes it.
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

// Where step cgroups of a builder started by this test go (v1 pids, or v2).
std::string StepCgroupParent() {
  if (fs::exists("/sys/fs/cgroup/pids/cgroup.procs")) {
    std::string own = "/";
    Expected<std::string> text = ReadFile("/proc/self/cgroup");
    if (text.ok()) {
      size_t at = text->find(":pids:");
      if (at != std::string::npos) {
        own = text->substr(at + 6, text->find('\n', at) - at - 6);
      }
    }
    return "/sys/fs/cgroup/pids" + (own == "/" ? "" : own) + "/mybuild";
  }
  return "";
}

class CgroupTest : public HarnessTest {
 protected:
  void SetUp() override {
    parent_ = StepCgroupParent();
    if (parent_.empty()) GTEST_SKIP() << "no cgroup v1 pids controller";
    HarnessTest::SetUp();
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
  std::string parent_;
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
