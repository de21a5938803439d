// kill -9 of a real build (the mybuild binary, pulling from a real
// registry) at many moments, from the pull to the tag: each time the store
// must verify clean (`mybuild cache verify` exits 0) and a rebuild must
// succeed, after which nothing runs again.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "bench/build/harness_test.h"

namespace mybuild::bench {
namespace {

using Clock = std::chrono::steady_clock;

class CrashTest : public HarnessTest {
 protected:
  void SetUp() override {
    HarnessTest::SetUp();
    if (!Started()) return;
    ASSERT_TRUE(WriteTree(h_->Path("ctx"), {
        {"Dockerfile",
         "FROM " + h_->base() + "\n"
         "COPY data/ /data/\n"
         "RUN dd if=/dev/zero of=/big bs=1M count=16 2>/dev/null\n"
         "RUN for i in $(seq 1 200); do echo $i > /f$i; done\n"
         "WORKDIR /app\n"
         "COPY app.txt /app/\n"
         "RUN cat /app/app.txt /f7 > /out && ls /data > /list\n"
         "CMD [\"cat\", \"/out\"]\n"},
        {"app.txt", "app\n"}}).ok());
    for (int i = 0; i < 50; ++i) {
      ASSERT_TRUE(WriteTree(h_->Path("ctx"), {{"data/d" + std::to_string(i),
                                               std::string(20000, 'a' + i % 26)}}).ok());
    }
  }

  std::vector<std::string> Build(const std::string& root) {
    return {"build", "--root", h_->Path(root), "-t", "app:1", "--progress", "plain",
            h_->Path("ctx")};
  }

  // Verifies `root`, rebuilds in it, and checks the next build runs nothing.
  void ExpectRecovers(const std::string& root, const std::string& when) {
    SCOPED_TRACE(when);
    auto verify = h_->Mybuild({"cache", "verify", "--root", h_->Path(root)});
    ASSERT_TRUE(verify.ok());
    EXPECT_EQ(verify->exit_code, 0) << verify->output;
    EXPECT_EQ(verify->output.substr(verify->output.size() - 3), "ok\n") << verify->output;
    auto again = h_->Mybuild(Build(root));
    ASSERT_TRUE(again.ok());
    ASSERT_EQ(again->exit_code, 0) << again->output;
    auto noop = h_->Mybuild(Build(root));
    ASSERT_EQ(noop->exit_code, 0) << noop->output;
    EXPECT_EQ(noop->output.find(" DONE "), std::string::npos) << noop->output;
    auto after = h_->Mybuild({"cache", "verify", "--root", h_->Path(root)});
    EXPECT_EQ(after->exit_code, 0) << after->output;
  }

  // Starts a build in `root` and SIGKILLs it after `ms` milliseconds (or
  // lets it finish, when it is quicker).
  void KillAfter(const std::string& root, double ms) {
    auto pid = h_->StartMybuild(Build(root), h_->Path(root + ".log"));
    ASSERT_TRUE(pid.ok()) << pid.status().message();
    std::this_thread::sleep_for(std::chrono::microseconds(static_cast<int64_t>(ms * 1000)));
    ::kill(*pid, SIGKILL);
    WaitFor(*pid);
  }

};

TEST_F(CrashTest, KillNineAtManyPointsLeavesAStoreThatVerifiesAndRebuilds) {
  auto start = Clock::now();
  auto full = h_->Mybuild(Build("reference"));
  double total = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  ASSERT_EQ(full->exit_code, 0) << full->output;
  // A fresh store each time: the kill lands in the pull, planning, a
  // sandbox, a layer being written, a record, the image, the tag...
  constexpr int kPoints = 14;
  for (int k = 0; k < kPoints; ++k) {
    double at = total * (k + 0.5) / kPoints;
    std::string root = "fresh" + std::to_string(k);
    KillAfter(root, at);
    ExpectRecovers(root, "killed after " + std::to_string(static_cast<int>(at)) + " ms");
  }
}

TEST_F(CrashTest, RepeatedKillsOfRebuildsInOneStore) {
  // Each kill lands later in a build that reuses what the last one kept.
  for (int k = 1; k <= 8; ++k) {
    KillAfter("shared", 150.0 * k);
    auto verify = h_->Mybuild({"cache", "verify", "--root", h_->Path("shared")});
    EXPECT_EQ(verify->exit_code, 0) << "after kill " << k << ":\n" << verify->output;
  }
  ExpectRecovers("shared", "after eight kills");
}

}  // namespace
}  // namespace mybuild::bench
