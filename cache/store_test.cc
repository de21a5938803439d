#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/blob_store.h"
#include "cache/image_store.h"

namespace mybuild::cache {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = TempDir::Create();
    ASSERT_TRUE(dir.ok());
    dir_ = std::make_unique<TempDir>(std::move(*dir));
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(StoreTest, BlobsAreVerifiedBeforeTheyAppear) {
  StorePaths paths(dir_->path());
  auto store = BlobStore::Open(paths);
  ASSERT_TRUE(store.ok());
  auto tmp = store->NewTempPath();
  ASSERT_TRUE(WriteFileAtomic(*tmp, "layer bytes").ok());
  oci::Digest wrong = oci::Digest::Of("other");
  Status st = store->Commit(*tmp, wrong);
  EXPECT_EQ(st.message(), "blob digest mismatch: expected " + wrong.str() +
                              ", got " + oci::Digest::Of("layer bytes").str());
  EXPECT_FALSE(store->Has(wrong));
  EXPECT_NE(::access(tmp->c_str(), F_OK), 0);  // nothing half-written left

  tmp = store->NewTempPath();
  ASSERT_TRUE(WriteFileAtomic(*tmp, "layer bytes").ok());
  oci::Digest right = oci::Digest::Of("layer bytes");
  ASSERT_TRUE(store->Commit(*tmp, right).ok());
  EXPECT_EQ(*store->Get(right), "layer bytes");
  EXPECT_EQ(*store->Size(right), 11);
  EXPECT_EQ(paths.Blob(right), dir_->path() + "/blobs/sha256/" +
                                   std::string(right.hex()));

  auto put = store->Put("{}");
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(put->str(), oci::Digest::Of("{}").str());
  EXPECT_EQ(store->Get(oci::Digest::Of("absent")).status().message(),
            "blob " + oci::Digest::Of("absent").str() + " is not in the store");
}

TEST_F(StoreTest, TagsPersistAndReplace) {
  ImageStore images{StorePaths(dir_->path())};
  EXPECT_TRUE(images.List()->empty());
  oci::Digest a = oci::Digest::Of("a"), b = oci::Digest::Of("b");
  ASSERT_TRUE(images.Tag("docker.io/library/app:1", a, "2026-01-01T00:00:00Z").ok());
  ASSERT_TRUE(images.Tag("docker.io/library/app:2", a, "2026-01-01T00:00:00Z").ok());
  ASSERT_TRUE(images.Tag("docker.io/library/app:1", b, "2026-01-02T00:00:00Z").ok());
  ImageStore reopened{StorePaths(dir_->path())};
  EXPECT_EQ(reopened.Lookup("docker.io/library/app:1")->manifest, b);
  EXPECT_EQ(reopened.Lookup("docker.io/library/app:2")->manifest, a);
  EXPECT_EQ(reopened.List()->size(), 2u);
  // The same manifest again: nothing changes, not even the time.
  ASSERT_TRUE(images.Tag("docker.io/library/app:1", b, "2026-05-05T00:00:00Z").ok());
  EXPECT_EQ(reopened.Lookup("docker.io/library/app:1")->created, "2026-01-02T00:00:00Z");
  EXPECT_EQ(reopened.Lookup("x:1").status().message(),
            "no image tagged x:1 in " + dir_->path());
}

}  // namespace
}  // namespace mybuild::cache
