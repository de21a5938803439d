#include "cache/step_lock.h"

#include <chrono>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "base/temp_dir.h"

namespace mybuild::cache {
namespace {

TEST(StepLockTest, OneHolderPerKey) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  StorePaths paths(dir->path());
  const std::string a(64, 'a'), b(64, 'b');
  auto first = StepLock::Acquire(paths, a);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_TRUE(first->held());
  bool busy = false;
  auto second = StepLock::TryAcquire(paths, a, &busy);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(busy);
  EXPECT_FALSE(second->held());
  auto other = StepLock::TryAcquire(paths, b, &busy);  // other keys are free
  EXPECT_FALSE(busy);
  EXPECT_TRUE(other->held());

  // A waiter gets the lock when the holder lets go.
  auto waiter = std::async(std::launch::async, [&] {
    return StepLock::Acquire(paths, a).ok();
  });
  EXPECT_EQ(waiter.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
  { StepLock gone = std::move(*first); }
  EXPECT_TRUE(waiter.get());
}

}  // namespace
}  // namespace mybuild::cache
