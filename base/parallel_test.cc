#include "base/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace mybuild {
namespace {

TEST(RunParallelTest, RunsEveryTaskWithBoundedConcurrency) {
  std::atomic<int> running{0}, peak{0}, done{0};
  Status st = RunParallel(8, 2, [&](size_t) {
    int now = ++running;
    int p = peak.load();
    while (now > p && !peak.compare_exchange_weak(p, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    --running;
    ++done;
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(done.load(), 8);
  EXPECT_EQ(peak.load(), 2);
}

TEST(RunParallelTest, StopsAfterFailureAndReportsLowestIndex) {
  std::atomic<int> started{0};
  Status st = RunParallel(100, 1, [&](size_t i) {
    ++started;
    return i == 3 ? IoError("task 3") : Status::Ok();
  });
  EXPECT_EQ(st.message(), "task 3");
  EXPECT_EQ(started.load(), 4);
  Status two = RunParallel(2, 2, [](size_t i) {
    if (i == 1) return IoError("second");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return IoError("first");
  });
  EXPECT_EQ(two.message(), "first");
  EXPECT_TRUE(RunParallel(0, 2, [](size_t) { return IoError("x"); }).ok());
}

TEST(WorkQueueTest, RunsTasksAddedWhileOthersRunWithBoundedConcurrency) {
  std::atomic<int> running{0}, peak{0}, done{0};
  WorkQueue q(2);
  for (int i = 0; i < 8; ++i) {
    q.Add([&] {
      int now = ++running;
      int p = peak.load();
      while (now > p && !peak.compare_exchange_weak(p, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      --running;
      ++done;
      return Status::Ok();
    });
  }
  EXPECT_TRUE(q.Finish().ok());
  EXPECT_EQ(done.load(), 8);
  EXPECT_LE(peak.load(), 2);
}

TEST(WorkQueueTest, SkipsLaterTasksAfterFailureAndReportsEarliestAdded) {
  WorkQueue one(1);
  std::atomic<int> started{0};
  for (int i = 0; i < 6; ++i) {
    one.Add([&, i] {
      ++started;
      return i == 2 ? IoError("task 2") : Status::Ok();
    });
  }
  EXPECT_EQ(one.Finish().message(), "task 2");
  EXPECT_EQ(started.load(), 3);
  EXPECT_TRUE(one.failed());

  WorkQueue two(2);
  two.Add([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    return IoError("first");
  });
  two.Add([] { return IoError("second"); });
  EXPECT_EQ(two.Finish().message(), "first");
  EXPECT_TRUE(WorkQueue(3).Finish().ok());
}

}  // namespace
}  // namespace mybuild
