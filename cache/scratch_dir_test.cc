#include "cache/scratch_dir.h"

#include <gtest/gtest.h>
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

// What a build killed with SIGKILL leaves: its scratch directory, with no
// process holding its lock (TmpClaimTest kills a real one).
std::string DeadBuildsScratch(const StorePaths& store) {
  std::string dir = store.TmpDir() + "/build-dead42";
  EXPECT_TRUE(MakeDirs(dir).ok());
  return dir;
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
  std::string stale = DeadBuildsScratch(Store());
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
  std::string stale = DeadBuildsScratch(Store());
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
