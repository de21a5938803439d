#include "executor/scheduler.h"

#include <chrono>
#include <condition_variable>
#include <mutex>

#include <gtest/gtest.h>

namespace mybuild::executor {
namespace {

// Records what ran; a task may wait (bounded) until another has started.
class Log {
 public:
  void Start(int t) {
    std::lock_guard<std::mutex> l(mu_);
    events_.push_back("+" + std::to_string(t));
    cv_.notify_all();
  }
  void End(int t) {
    std::lock_guard<std::mutex> l(mu_);
    events_.push_back("-" + std::to_string(t));
  }
  // True when task `t` started within a second.
  bool WaitStarted(int t) {
    std::unique_lock<std::mutex> l(mu_);
    return cv_.wait_for(l, std::chrono::seconds(1), [&] {
      for (const std::string& e : events_) {
        if (e == "+" + std::to_string(t)) return true;
      }
      return false;
    });
  }
  std::vector<std::string> events() {
    std::lock_guard<std::mutex> l(mu_);
    return events_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> events_;
};

// 0 -> {1, 2} -> 3: the two middle stages are independent.
const TaskGraph kDiamond{{0, 1, 2, 3}, {{}, {0}, {0}, {1, 2}}};

TEST(SchedulerTest, IndependentTasksOverlap) {
  Log log;
  bool overlapped = false;
  Status st = RunTaskGraph(kDiamond, 2, [&](int t) {
    log.Start(t);
    if (t == 1) overlapped = log.WaitStarted(2);  // 2 starts while 1 runs
    log.End(t);
    return Status::Ok();
  }, [] {});
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(overlapped);
  std::vector<std::string> e = log.events();
  ASSERT_EQ(e.size(), 8u);
  EXPECT_EQ(e[0], "+0");
  EXPECT_EQ(e[1], "-0");
  EXPECT_EQ(e[6], "+3");  // only after both middle ones ended
}

TEST(SchedulerTest, OneJobRunsInOrder) {
  Log log;
  ASSERT_TRUE(RunTaskGraph({{3, 0, 2, 1}, kDiamond.deps}, 1, [&](int t) {
    log.Start(t);
    log.End(t);
    return Status::Ok();
  }, [] {}).ok());
  // Dependencies first; among ready ones, the given order (2 before 1).
  EXPECT_EQ(log.events(), (std::vector<std::string>{"+0", "-0", "+2", "-2", "+1",
                                                    "-1", "+3", "-3"}));
}

TEST(SchedulerTest, FirstFailureCancelsTheRest) {
  Log log;
  std::mutex mu;
  std::condition_variable cv;
  bool cancelled = false;
  int cancels = 0;
  Status st = RunTaskGraph(kDiamond, 4, [&](int t) -> Status {
    log.Start(t);
    if (t == 1) {
      log.WaitStarted(2);
      return Status(ErrorCode::kBuildFailed, "Dockerfile:7: exit code: 3");
    }
    if (t == 2) {  // runs until cancelled, then fails too
      std::unique_lock<std::mutex> l(mu);
      cv.wait_for(l, std::chrono::seconds(5), [&] { return cancelled; });
      return Status(ErrorCode::kCancelled, "killed");
    }
    return Status::Ok();
  }, [&] {
    std::lock_guard<std::mutex> l(mu);
    cancelled = true;
    ++cancels;
    cv.notify_all();
  });
  EXPECT_EQ(st.code(), ErrorCode::kBuildFailed);
  EXPECT_EQ(st.message(), "Dockerfile:7: exit code: 3");
  EXPECT_EQ(cancels, 1);
  for (const std::string& e : log.events()) EXPECT_NE(e, "+3");
}

TEST(SchedulerTest, DependenciesOutsideTheGraphCountAsDone) {
  Log log;
  ASSERT_TRUE(RunTaskGraph({{3}, kDiamond.deps}, 2, [&](int t) {
    log.Start(t);
    return Status::Ok();
  }, [] {}).ok());
  EXPECT_EQ(log.events(), std::vector<std::string>{"+3"});
  EXPECT_TRUE(RunTaskGraph({{}, {}}, 2, [](int) { return Status::Ok(); }, [] {}).ok());
}

}  // namespace
}  // namespace mybuild::executor
