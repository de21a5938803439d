#include "cache/store_inventory.h"

#include <gtest/gtest.h>

#include "cache/store_fixture.h"

namespace mybuild::cache {
namespace {

std::string Hex(const oci::Digest& d) { return std::string(d.hex()); }

// `n` bytes rounded up to whole blocks of the filesystem under `path`.
int64_t Blocks(const std::string& path, int64_t n) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return (n + st.st_blksize - 1) / st.st_blksize * st.st_blksize;
}

TEST(StoreInventoryTest, ListsEverythingAndWhatTagsReach) {
  testing::StoreFixture f;
  ASSERT_TRUE(f.Make().ok());
  auto inv = TakeInventory(*f.paths);
  ASSERT_TRUE(inv.ok()) << inv.status().message();
  EXPECT_EQ(inv->blobs.size(), 5u);  // two layers, base, config, manifest
  // Disk usage, as du: whole blocks, directories included.
  const std::string root = f.paths->root();
  EXPECT_EQ(inv->blobs.at(Hex(f.loose_layer)), Blocks(root, 9000));
  EXPECT_EQ(inv->snapshots.size(), 2u);
  EXPECT_EQ(inv->snapshots.at(Hex(f.loose_diff)), Blocks(root, 1) + Blocks(root, 8192));
  ASSERT_EQ(inv->records.size(), 3u);
  EXPECT_EQ(inv->records[0].key, f.tagged_key);
  EXPECT_EQ(inv->records[2].lookup.state, RecordState::kCorrupt);
  EXPECT_EQ(inv->tags, 1);
  EXPECT_EQ(inv->tagged_blobs, (std::set<std::string>{Hex(f.manifest), Hex(f.config),
                                                      Hex(f.tagged_layer)}));
  EXPECT_EQ(inv->tagged_diff_ids, std::set<std::string>{Hex(f.tagged_diff)});
  EXPECT_TRUE(inv->broken_tags.empty());
  ASSERT_EQ(::unlink(f.paths->Blob(f.config).c_str()), 0);
  inv = TakeInventory(*f.paths);
  EXPECT_EQ(inv->broken_tags, std::vector<std::string>{
      "image docker.io/library/app:1: open \"" + f.paths->Blob(f.config) +
      "\": No such file or directory"});
}

TEST(StoreInventoryTest, SizesReadAndPrint) {
  EXPECT_EQ(*ParseSize("1024"), 1024);
  EXPECT_EQ(*ParseSize("512k"), 512 * 1024);
  EXPECT_EQ(*ParseSize("100MB"), 100LL << 20);
  EXPECT_EQ(*ParseSize("1.5g"), 3LL << 29);
  EXPECT_EQ(*ParseSize("2GiB"), 2LL << 30);
  EXPECT_EQ(ParseSize("12x").status().message(),
            "invalid size \"12x\": use a number with an optional unit b, k, m, g or t");
  EXPECT_FALSE(ParseSize("").ok());
  EXPECT_FALSE(ParseSize("1.2.3m").ok());
  EXPECT_EQ(HumanSize(0), "0B");
  EXPECT_EQ(HumanSize(999), "999B");
  EXPECT_EQ(HumanSize(1500), "1.5kB");
  EXPECT_EQ(HumanSize(20300000), "20.3MB");
  EXPECT_EQ(HumanSize(1234567890), "1.23GB");
}

}  // namespace
}  // namespace mybuild::cache
