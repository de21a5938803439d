#include "cache/snapshot_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <set>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "oci/layer_writer.h"

namespace mybuild::cache {
namespace {

class SnapshotStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<TempDir>(std::move(TempDir::Create()).value());
    paths_ = std::make_unique<StorePaths>(dir_->path() + "/root");
  }

  // A gzip layer holding one file `name` with `content`.
  SnapshotStore::Layer MakeLayer(const std::string& name, const std::string& content) {
    std::string path = dir_->path() + "/" + name + ".tar.gz";
    auto w = oci::LayerWriter::Create(path);
    EXPECT_TRUE(w.ok());
    oci::TarEntry e;
    e.path = name;
    e.size = static_cast<int64_t>(content.size());
    EXPECT_TRUE(w->AddBytes(e, content).ok());
    auto blob = w->Finish();
    EXPECT_TRUE(blob.ok());
    return {blob->diff_id, path};
  }

  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<StorePaths> paths_;
};

TEST_F(SnapshotStoreTest, EnsureAllUnpacksEveryLayerIntoItsOwnSnapshot) {
  SnapshotStore snapshots(*paths_);
  std::vector<SnapshotStore::Layer> layers;
  for (int i = 0; i < 5; ++i) {
    layers.push_back(MakeLayer("f" + std::to_string(i), std::string(100000 + i, 'a' + i)));
  }
  ASSERT_TRUE(snapshots.Ensure(layers[2].diff_id, layers[2].blob_path).ok());
  std::mutex mu;
  std::multiset<std::pair<size_t, bool>> heard;
  ASSERT_TRUE(snapshots
                  .EnsureAll(layers, 2,
                             [&](size_t i, bool done) {
                               std::lock_guard<std::mutex> lock(mu);
                               heard.insert({i, done});
                             })
                  .ok());
  for (int i = 0; i < 5; ++i) {
    Expected<std::string> got =
        ReadFile(snapshots.Path(layers[i].diff_id) + "/f" + std::to_string(i));
    ASSERT_TRUE(got.ok()) << i;
    EXPECT_EQ(*got, std::string(100000 + i, 'a' + i));
  }
  // Layer 2 was present: not reported.
  EXPECT_EQ(heard, (std::multiset<std::pair<size_t, bool>>{
                       {0, false}, {0, true}, {1, false}, {1, true}, {3, false}, {3, true},
                       {4, false}, {4, true}}));
}

TEST_F(SnapshotStoreTest, EnsureAllFailsWithTheEarliestBrokenLayerAndKeepsNoPartialSnapshot) {
  SnapshotStore snapshots(*paths_);
  std::vector<SnapshotStore::Layer> layers = {MakeLayer("good", "x"), MakeLayer("bad", "y"),
                                              MakeLayer("worse", "z")};
  ASSERT_TRUE(WriteFileAtomic(layers[1].blob_path, "not a tar at all").ok());
  ASSERT_TRUE(WriteFileAtomic(layers[2].blob_path, "nor this").ok());
  Status st = snapshots.EnsureAll(layers, 1);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("unpack " + layers[1].blob_path), std::string::npos)
      << st.message();
  EXPECT_TRUE(snapshots.Has(layers[0].diff_id));
  EXPECT_FALSE(snapshots.Has(layers[1].diff_id));
  EXPECT_FALSE(snapshots.Has(layers[2].diff_id));  // not started after the failure
  // Nothing half-unpacked is left in tmp/.
  EXPECT_TRUE(std::filesystem::is_empty(paths_->TmpDir()));
}

}  // namespace
}  // namespace mybuild::cache
