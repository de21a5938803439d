#include "executor/cache_mounts.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

#include "base/sha256.h"
#include "base/temp_dir.h"

namespace mybuild::executor {
namespace {

using frontend::CacheSharing;

class CacheMountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    root_ = dir_->path() + "/cache-mounts";
  }
  Expected<CacheMountLease> Lease(CacheSharing sharing,
                                  const std::string& id = "/root/.cache") {
    return LeaseCacheMount(root_, id, sharing, 0, 0, 0755);
  }
  std::unique_ptr<TempDir> dir_;
  std::string root_;
};

// Two steps of one build (one process) may make the same cache dir at
// once: the half-made directory of the other is not in this one's way.
TEST_F(CacheMountsTest, AnotherLeasesHalfMadeDirIsNotInTheWay) {
  const std::string dir = root_ + "/" + Sha256Hex("meet") + "-0";
  ASSERT_TRUE(MakeDirs(dir + ".new-" + std::to_string(::getpid())).ok());
  auto a = LeaseCacheMount(root_, "meet", CacheSharing::kShared, 0, 0, 0755);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->path(), dir);
}

TEST_F(CacheMountsTest, FirstUseMakesTheDirWithOwnerAndModeThenKeepsIt) {
  auto a = LeaseCacheMount(root_, "go-build", CacheSharing::kShared, 1000, 1001,
                           0750);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->path(), root_ + "/" + Sha256Hex("go-build") + "-0");
  struct stat st;
  ASSERT_EQ(::stat(a->path().c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 1000u);
  EXPECT_EQ(st.st_gid, 1001u);
  EXPECT_EQ(st.st_mode & 07777, 0750u);
  ASSERT_TRUE(WriteFileAtomic(a->path() + "/kept", "x").ok());
  auto b =
      LeaseCacheMount(root_, "go-build", CacheSharing::kShared, 0, 0, 0700);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->path(), a->path());  // shared users share, even at once
  ASSERT_EQ(::stat(b->path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0750u);
  EXPECT_EQ(*ReadFile(b->path() + "/kept"), "x");
}

TEST_F(CacheMountsTest, PrivateTakesAnInstanceNoOneUses) {
  auto shared = Lease(CacheSharing::kShared);
  auto first = Lease(CacheSharing::kPrivate);
  auto second = Lease(CacheSharing::kPrivate);
  ASSERT_TRUE(shared.ok() && first.ok() && second.ok());
  std::string base = root_ + "/" + Sha256Hex("/root/.cache");
  EXPECT_EQ(shared->path(), base + "-0");
  EXPECT_EQ(first->path(), base + "-1");
  EXPECT_EQ(second->path(), base + "-2");
  { auto gone = std::move(*first); }
  auto again = Lease(CacheSharing::kPrivate);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->path(), base + "-1");
}

// Runs `lease` in a child process that writes one byte when it has the
// lease, then holds it until `release` is readable. (`lease` leaks its
// lease, so it is held until the child exits.)
pid_t LeaseInChild(const std::function<bool()>& lease, int report,
                   int release) {
  pid_t child = ::fork();
  if (child == 0) {
    bool ok = lease();
    (void)!::write(report, ok ? "y" : "n", 1);
    char c;
    (void)!::read(release, &c, 1);
    ::_exit(0);
  }
  return child;
}

TEST_F(CacheMountsTest, LockedWaitsForOtherUsers) {
  // Leases live in child processes: a forked copy of a flock()ed fd would
  // hold the lock too.
  int shared_report[2], locked_report[2], release[2];
  ASSERT_EQ(::pipe(shared_report), 0);
  ASSERT_EQ(::pipe(locked_report), 0);
  ASSERT_EQ(::pipe(release), 0);
  pid_t shared = LeaseInChild(
      [&] { return (new auto(Lease(CacheSharing::kShared)))->ok(); },
      shared_report[1], release[0]);
  char c = 0;
  ASSERT_EQ(::read(shared_report[0], &c, 1), 1);
  ASSERT_EQ(c, 'y');
  int never[2];
  ASSERT_EQ(::pipe(never), 0);
  pid_t locked = LeaseInChild(
      [&] { return (new auto(Lease(CacheSharing::kLocked)))->ok(); },
      locked_report[1], never[0]);
  struct pollfd p = {locked_report[0], POLLIN, 0};
  EXPECT_EQ(::poll(&p, 1, 300), 0)
      << "locked got in while a shared user held it";
  ASSERT_EQ(::write(release[1], "x", 1), 1);  // the shared user finishes
  ASSERT_EQ(::read(locked_report[0], &c, 1), 1);
  EXPECT_EQ(c, 'y');
  ::kill(locked, SIGKILL);
  ::waitpid(shared, nullptr, 0);
  ::waitpid(locked, nullptr, 0);
  for (int fd :
       {shared_report[0], shared_report[1], locked_report[0], locked_report[1],
        release[0], release[1], never[0], never[1]}) {
    ::close(fd);
  }
}

}  // namespace
}  // namespace mybuild::executor
