#include "cache/prune.h"

#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "cache/scratch_dir.h"
#include "cache/store_fixture.h"
#include "cache/store_inventory.h"

namespace mybuild::cache {
namespace {

bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

class PruneTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(f_.Make().ok()); }
  PruneReport Run(PruneOptions o) {
    auto r = Prune(*f_.paths, o);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : PruneReport{};
  }
  bool Tagged() {  // the tagged image is whole
    return Exists(f_.paths->Blob(f_.manifest)) && Exists(f_.paths->Blob(f_.config)) &&
           Exists(f_.paths->Blob(f_.tagged_layer));
  }
  testing::StoreFixture f_;
};

TEST_F(PruneTest, DefaultKeepsWhatTagsUse) {
  int64_t loose = DiskUsage(f_.paths->Blob(f_.loose_layer)) +
                  DiskUsage(f_.paths->Snapshot(f_.loose_diff)) +
                  DiskUsage(f_.paths->Blob(f_.base_blob));
  PruneReport r = Run({});
  EXPECT_EQ(r.records, 2);  // the loose one and the damaged one
  EXPECT_EQ(r.blobs, 2);    // the loose layer and the base blob
  EXPECT_EQ(r.snapshots, 1);
  EXPECT_EQ(r.reclaimed, loose);
  EXPECT_TRUE(Tagged());
  EXPECT_TRUE(Exists(f_.paths->Step(f_.tagged_key)));
  EXPECT_TRUE(Exists(f_.paths->Snapshot(f_.tagged_diff)));
  EXPECT_FALSE(Exists(f_.paths->Step(f_.loose_key)));
  EXPECT_FALSE(Exists(f_.paths->Step(f_.damaged_key)));
  EXPECT_FALSE(Exists(f_.paths->Snapshot(f_.loose_diff)));
  EXPECT_EQ(Run({}).records, 0);  // nothing left to do
}

TEST_F(PruneTest, StepLockFilesGo) {
  ASSERT_TRUE(MakeDirs(f_.paths->LocksDir()).ok());
  ASSERT_TRUE(WriteFileAtomic(f_.paths->StepLock(f_.loose_key), "").ok());
  Run({.keep_storage = 1LL << 40});
  EXPECT_FALSE(Exists(f_.paths->LocksDir()));
}

TEST_F(PruneTest, AllRemovesEveryRecordButNoTaggedBlob) {
  PruneReport r = Run({.all = true});
  EXPECT_EQ(r.records, 3);
  EXPECT_EQ(r.snapshots, 2);
  EXPECT_EQ(r.blobs, 2);
  EXPECT_TRUE(Tagged());
  EXPECT_FALSE(Exists(f_.paths->Snapshot(f_.tagged_diff)));
}

TEST_F(PruneTest, UntilKeepsWhatWasUsedRecently) {
  const std::time_t now = 100000;
  f_.Age(f_.paths->Step(f_.loose_key), now - 3600);  // used an hour ago
  f_.Age(f_.paths->Blob(f_.base_blob), now - 2 * 86400);
  PruneReport r = Run({.until_seconds = 86400, .now = now});
  EXPECT_EQ(r.records, 1);  // only the damaged one
  EXPECT_EQ(r.blobs, 1);    // the base blob, two days old
  EXPECT_TRUE(Exists(f_.paths->Step(f_.loose_key)));
  EXPECT_FALSE(Exists(f_.paths->Blob(f_.base_blob)));
}

TEST_F(PruneTest, KeepStorageRemovesLeastRecentlyUsedFirst) {
  auto inv = TakeInventory(*f_.paths);
  int64_t total = 0;
  for (const auto& [h, s] : inv->blobs) total += s;
  for (const auto& [h, s] : inv->snapshots) total += s;
  f_.Age(f_.paths->Step(f_.loose_key), 1000);
  f_.Age(f_.paths->Blob(f_.base_blob), 2000);
  // Just under the total: removing the loose record (the oldest) suffices.
  PruneReport r = Run({.keep_storage = total - 1});
  EXPECT_EQ(r.records, 2);  // the damaged one always goes
  EXPECT_FALSE(Exists(f_.paths->Step(f_.loose_key)));
  EXPECT_TRUE(Exists(f_.paths->Blob(f_.base_blob)));
  // A limit the store already meets removes nothing more.
  EXPECT_EQ(Run({.keep_storage = total}).blobs, 0);
  EXPECT_EQ(Run({.keep_storage = 0}).blobs, 1);  // the base blob
  EXPECT_TRUE(Tagged());
}

// A build killed with SIGKILL leaves its scratch directory with its lock
// free; a live build holds the build lock (shared) and its directory's.
TEST_F(PruneTest, DeadBuildsScratchGoesAtOnceLiveBuildsStays) {
  const std::string dead = f_.paths->TmpDir() + "/build-dead42";
  ASSERT_TRUE(MakeDirs(dead + "/snap-1/usr").ok());
  ASSERT_TRUE(MakeDirs(f_.paths->TmpDir() + "/snap-old").ok());
  auto shared = OpenFile(f_.paths->BuildLock(), O_RDWR | O_CREAT, 0600);
  ASSERT_TRUE(shared.ok());
  ASSERT_EQ(::flock(shared->get(), LOCK_SH), 0);
  auto live = ScratchDir::Create(*f_.paths);
  ASSERT_TRUE(live.ok()) << live.status().message();

  PruneReport r;
  std::thread prune([&] { r = Run({}); });
  // Gone while the live build still runs (prune waits for it to end).
  for (int i = 0; i < 200 && Exists(dead); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_FALSE(Exists(dead));
  EXPECT_TRUE(Exists(f_.paths->TmpDir() + "/snap-old"));
  shared->Reset();  // the live build ends its claim, not yet its scratch
  prune.join();
  EXPECT_EQ(r.scratch, 2);  // the dead build's dir, then snap-old
  EXPECT_FALSE(Exists(f_.paths->TmpDir() + "/snap-old"));
  EXPECT_TRUE(Exists(live->path()));
}

}  // namespace
}  // namespace mybuild::cache
