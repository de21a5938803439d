#include "cache/scratch_dir.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "base/temp_dir.h"

namespace mybuild::cache {
namespace {

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The scratch directory of a build killed with SIGKILL (no destructor ran).
std::string KilledBuildsScratch(const StorePaths& store) {
  int p[2];
  EXPECT_EQ(::pipe(p), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    auto s = ScratchDir::Create(store);
    std::string name = s.ok() ? s->path() : "";
    (void)!::write(p[1], name.data(), name.size());
    ::close(p[1]);
    ::raise(SIGKILL);
  }
  ::close(p[1]);
  char buf[4096];
  ssize_t n = ::read(p[0], buf, sizeof buf);
  ::close(p[0]);
  ::waitpid(pid, nullptr, 0);
  return std::string(buf, n > 0 ? static_cast<size_t>(n) : 0);
}

class ScratchDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
  }
  StorePaths Store() { return StorePaths(dir_->path() + "/root"); }
  std::string Name(const std::string& path) { return std::filesystem::path(path).filename(); }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(ScratchDirTest, IsOneDirectoryGoneWhenItsOwnerGoes) {
  std::string path;
  {
    auto s = ScratchDir::Create(Store());
    ASSERT_TRUE(s.ok()) << s.status().message();
    path = s->path();
    EXPECT_TRUE(IsScratchName(Name(path))) << path;
    EXPECT_EQ(path.rfind(Store().TmpDir() + "/build-", 0), 0u) << path;
    ASSERT_TRUE(WriteFileAtomic(path + "/partial", "x").ok());
  }
  EXPECT_EQ(Entries(Store().TmpDir()), std::vector<std::string>{});
}

TEST_F(ScratchDirTest, OnlyAKilledBuildsScratchIsStale) {
  std::string stale = KilledBuildsScratch(Store());
  ASSERT_FALSE(stale.empty());
  ASSERT_TRUE(WriteFileAtomic(stale + "/layer", "x").ok());
  auto live = ScratchDir::Create(Store());
  ASSERT_TRUE(live.ok()) << live.status().message();
  auto removed = RemoveStaleScratch(Store());
  ASSERT_TRUE(removed.ok()) << removed.status().message();
  EXPECT_EQ(*removed, 1);
  EXPECT_EQ(Entries(Store().TmpDir()), std::vector<std::string>{Name(live->path())});
}

TEST_F(ScratchDirTest, SweepKeepsTheLockAndLiveScratch) {
  ASSERT_TRUE(MakeDirs(Store().TmpDir() + "/snap-old/etc").ok());
  ASSERT_TRUE(MakeDirs(Store().TmpDir() + "/new-abc").ok());
  ASSERT_TRUE(WriteFileAtomic(Store().BuildLock(), "").ok());
  std::string stale = KilledBuildsScratch(Store());
  auto live = ScratchDir::Create(Store());
  ASSERT_TRUE(live.ok());
  auto removed = SweepTmp(Store());
  ASSERT_TRUE(removed.ok()) << removed.status().message();
  EXPECT_EQ(*removed, 3);
  EXPECT_EQ(Entries(Store().TmpDir()),
            (std::vector<std::string>{".lock", Name(live->path())}));
}

TEST_F(ScratchDirTest, AStoreMadeWithTmpDirKeepsItsBuildLock) {
  StorePaths build = Store().WithTmpDir("/x/tmp/build-1");
  EXPECT_EQ(build.TmpDir(), "/x/tmp/build-1");
  EXPECT_EQ(build.BuildLock(), Store().BuildLock());
  EXPECT_EQ(build.SnapshotsDir(), Store().SnapshotsDir());
}

}  // namespace
}  // namespace mybuild::cache
