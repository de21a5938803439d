#include "executor/tmp_claim.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::executor {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    names.push_back(e.path().filename());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Name(const std::string& path) { return fs::path(path).filename(); }

// Waits up to 10s for `path` to go.
bool Gone(const std::string& path) {
  for (int i = 0; i < 200; ++i) {
    if (!fs::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// A builder (a child process) that claims tmp/, fills its scratch and is
// killed with SIGKILL; with `kill_reaper`, its reaper is killed first.
// Returns the scratch directory.
std::string KilledBuilder(const cache::StorePaths& store, bool kill_reaper) {
  int p[2];
  EXPECT_EQ(::pipe(p), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    auto claim = TmpClaim::Acquire(store);
    std::string dir = claim.ok() ? claim->store().TmpDir() : "";
    if (claim.ok()) (void)WriteFileAtomic(dir + "/layer", "partial");
    if (claim.ok() && kill_reaper) {
      ::kill(claim->reaper(), SIGKILL);
      ::waitpid(claim->reaper(), nullptr, 0);
    }
    (void)!::write(p[1], dir.data(), dir.size());
    ::raise(SIGKILL);
  }
  ::close(p[1]);
  char buf[4096];
  ssize_t n = ::read(p[0], buf, sizeof buf);
  ::close(p[0]);
  ::waitpid(pid, nullptr, 0);
  return std::string(buf, n > 0 ? static_cast<size_t>(n) : 0);
}

class TmpClaimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
  }
  cache::StorePaths Store() { return cache::StorePaths(dir_->path() + "/root"); }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(TmpClaimTest, FirstBuildSweepsWhatKilledBuildsLeft) {
  cache::StorePaths store = Store();
  ASSERT_TRUE(MakeDirs(store.TmpDir() + "/snap-abc/etc").ok());
  ASSERT_TRUE(MakeDirs(store.TmpDir() + "/mybuild-x/work/work").ok());
  ASSERT_EQ(::chmod((store.TmpDir() + "/mybuild-x/work/work").c_str(), 0), 0);
  ASSERT_TRUE(WriteFileAtomic(store.TmpDir() + "/blob-1-2", "partial").ok());

  auto first = TmpClaim::Acquire(store);
  ASSERT_TRUE(first.ok()) << first.status().message();
  std::string mine = Name(first->store().TmpDir());
  EXPECT_EQ(Entries(store.TmpDir()), (std::vector<std::string>{".lock", mine}));

  // While a build holds its claim, another build's start sweeps nothing
  // but dead builds' scratch.
  ASSERT_TRUE(MakeDirs(store.TmpDir() + "/snap-busy").ok());
  auto second = TmpClaim::Acquire(store);
  ASSERT_TRUE(second.ok()) << second.status().message();
  std::vector<std::string> want = {".lock", mine, Name(second->store().TmpDir()), "snap-busy"};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(Entries(store.TmpDir()), want);
}

TEST_F(TmpClaimTest, CreatesTmpWhenMissing) {
  auto claim = TmpClaim::Acquire(Store());
  ASSERT_TRUE(claim.ok()) << claim.status().message();
  EXPECT_EQ(claim->store().TmpDir().rfind(Store().TmpDir() + "/build-", 0), 0u);
  EXPECT_EQ(claim->store().SnapshotsDir(), Store().SnapshotsDir());
}

TEST_F(TmpClaimTest, TheScratchGoesWithTheClaim) {
  {
    auto claim = TmpClaim::Acquire(Store());
    ASSERT_TRUE(claim.ok()) << claim.status().message();
    ASSERT_TRUE(MakeDirs(claim->store().TmpDir() + "/snap-x/usr").ok());
  }
  EXPECT_EQ(Entries(Store().TmpDir()), std::vector<std::string>{".lock"});
}

TEST_F(TmpClaimTest, AKilledBuildersReaperRemovesItsScratch) {
  std::string dir = KilledBuilder(Store(), false);
  ASSERT_FALSE(dir.empty());
  EXPECT_TRUE(Gone(dir)) << dir;
}

// Its reaper killed too: the next build removes it, even while another
// build runs, and leaves that one's alone.
TEST_F(TmpClaimTest, ANewBuildRemovesADeadBuildsScratch) {
  auto live = TmpClaim::Acquire(Store());
  ASSERT_TRUE(live.ok());
  std::string dead = KilledBuilder(Store(), true);
  ASSERT_FALSE(dead.empty());
  ASSERT_TRUE(fs::exists(dead + "/layer"));
  auto next = TmpClaim::Acquire(Store());
  ASSERT_TRUE(next.ok()) << next.status().message();
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(live->store().TmpDir()));
}

}  // namespace
}  // namespace mybuild::executor
