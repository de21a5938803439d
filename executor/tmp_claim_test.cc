#include "executor/tmp_claim.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

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

TEST(TmpClaimTest, FirstBuildSweepsWhatKilledBuildsLeft) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  cache::StorePaths store(dir->path() + "/root");
  ASSERT_TRUE(MakeDirs(store.TmpDir() + "/snap-abc/etc").ok());
  ASSERT_TRUE(MakeDirs(store.TmpDir() + "/mybuild-x/work/work").ok());
  ASSERT_EQ(::chmod((store.TmpDir() + "/mybuild-x/work/work").c_str(), 0), 0);
  ASSERT_TRUE(WriteFileAtomic(store.TmpDir() + "/blob-1-2", "partial").ok());

  auto first = TmpClaim::Acquire(store);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(Entries(store.TmpDir()), std::vector<std::string>{".lock"});

  // While a build holds its claim, another build's start sweeps nothing.
  ASSERT_TRUE(MakeDirs(store.TmpDir() + "/snap-busy").ok());
  auto second = TmpClaim::Acquire(store);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(Entries(store.TmpDir()),
            (std::vector<std::string>{".lock", "snap-busy"}));
}

TEST(TmpClaimTest, CreatesTmpWhenMissing) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  cache::StorePaths store(dir->path() + "/fresh");
  auto claim = TmpClaim::Acquire(store);
  ASSERT_TRUE(claim.ok()) << claim.status().message();
  EXPECT_EQ(Entries(store.TmpDir()), std::vector<std::string>{".lock"});
}

}  // namespace
}  // namespace mybuild::executor
