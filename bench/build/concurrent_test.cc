// Two mybuild processes on one --root at the same time: both succeed, a
// step both need runs once (the other waits on its step lock and reuses the
// result), and builds with different steps do not wait for each other.
#include <unistd.h>

#include <chrono>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "bench/build/harness.h"

namespace mybuild::bench {
namespace {

using Clock = std::chrono::steady_clock;

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class ConcurrentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root";
    auto h = BuildHarness::Start("cli/mybuild");
    if (h.status().code() == ErrorCode::kNotFound) GTEST_SKIP() << h.status().message();
    ASSERT_TRUE(h.ok()) << h.status().message();
    h_ = std::move(*h);
  }

  // Builds `contexts` at once on one root; returns {exit codes, logs, s}.
  struct Result {
    std::vector<int> codes;
    std::vector<std::string> logs;
    double seconds = 0;
  };
  Result Together(const std::vector<std::string>& contexts,
                  const std::string& root = "root") {
    Result r;
    auto start = Clock::now();
    std::vector<pid_t> pids;
    for (size_t i = 0; i < contexts.size(); ++i) {
      auto pid = h_->StartMybuild(
          {"build", "--root", h_->Path(root), "--progress", "plain", "--iidfile",
           h_->Path(root + ".iid" + std::to_string(i)), h_->Path(contexts[i])},
          h_->Path(root + ".log" + std::to_string(i)));
      EXPECT_TRUE(pid.ok()) << pid.status().message();
      pids.push_back(pid.ok() ? *pid : -1);
    }
    for (size_t i = 0; i < pids.size(); ++i) {
      r.codes.push_back(WaitFor(pids[i]));
      r.logs.push_back(*ReadFile(h_->Path(root + ".log" + std::to_string(i))));
    }
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return r;
  }
  std::unique_ptr<BuildHarness> h_;
};

TEST_F(ConcurrentTest, SameStepsRunOnceAndAreShared) {
  ASSERT_TRUE(WriteTree(h_->Path("ctx"), {
      {"Dockerfile", "FROM " + h_->base() + "\nRUN sleep 1 && echo a > /a\n"
                     "COPY f /f\nRUN sleep 1 && cat /a /f > /b\n"},
      {"f", "f\n"}}).ok());
  Result r = Together({"ctx", "ctx"});
  ASSERT_EQ(r.codes, (std::vector<int>{0, 0})) << r.logs[0] << r.logs[1];
  // Three layer steps, each run by one of the two builds.
  EXPECT_EQ(Count(r.logs[0] + r.logs[1], " DONE "), 3) << r.logs[0] << r.logs[1];
  EXPECT_EQ(*ReadFile(h_->Path("root.iid0")), *ReadFile(h_->Path("root.iid1")));
  auto verify = h_->Mybuild({"cache", "verify", "--root", h_->Path("root")});
  EXPECT_EQ(verify->exit_code, 0) << verify->output;
}

TEST_F(ConcurrentTest, DifferentStepsDoNotWaitForEachOther) {
  ASSERT_TRUE(WriteTree(h_->Path("a"), {{"Dockerfile",
      "FROM " + h_->base() + "\nRUN sleep 2 && echo a > /a\n"}}).ok());
  ASSERT_TRUE(WriteTree(h_->Path("b"), {{"Dockerfile",
      "FROM " + h_->base() + "\nRUN sleep 2 && echo b > /b\n"}}).ok());
  Result alone = Together({"a"}, "alone");
  ASSERT_EQ(alone.codes, std::vector<int>{0}) << alone.logs[0];
  Result r = Together({"a", "b"});
  ASSERT_EQ(r.codes, (std::vector<int>{0, 0})) << r.logs[0] << r.logs[1];
  EXPECT_EQ(Count(r.logs[0], " DONE "), 1);
  EXPECT_EQ(Count(r.logs[1], " DONE "), 1);
  // Had one waited for the other, together would take one more sleep.
  EXPECT_LT(r.seconds, alone.seconds + 1.0)
      << "one build waited for the other: alone " << alone.seconds << " s\n"
      << r.logs[0] << r.logs[1];
}

}  // namespace
}  // namespace mybuild::bench
