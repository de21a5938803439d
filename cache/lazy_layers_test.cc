#include "cache/lazy_layers.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "cache/blob_store.h"
#include "cache/blob_verify.h"
#include "cache/image_store.h"
#include "cache/prune.h"
#include "cache/step_index.h"
#include "cache/store_inventory.h"
#include "cache/store_verify.h"
#include "oci/image_config.h"
#include "oci/layer_tree.h"
#include "oci/manifest.h"

namespace mybuild::cache {
namespace {

// A store with one layer made lazily from a snapshot of two files, as
// executor/layer_commit does it, and the tar the same tree writes directly.
class LazyLayerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    paths_ = std::make_unique<StorePaths>(dir_->path() + "/root");
    ASSERT_TRUE(BlobStore::Open(*paths_).ok());
    std::string tree = dir_->path() + "/tree";
    ASSERT_TRUE(MakeDirs(tree + "/etc").ok());
    ASSERT_TRUE(WriteFileAtomic(tree + "/etc/conf", "answer=42\n").ok());
    ASSERT_TRUE(WriteFileAtomic(tree + "/data", std::string(100000, 'd')).ok());
    struct timespec late[2] = {{2000000000, 0}, {2000000000, 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, (tree + "/data").c_str(), late, 0), 0);
    // The tar written outright: what the lazy layer must come back as.
    direct_ = dir_->path() + "/direct.tar";
    auto w = oci::LayerWriter::Create(direct_, {.gzip_level = 0});
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(oci::AddTree(*w, tree, {.max_mtime = kEpoch}).ok());
    auto blob = w->Finish();
    ASSERT_TRUE(blob.ok());
    layer_ = {blob->digest, blob->size, kEpoch};
    ASSERT_TRUE(MakeDirs(paths_->SnapshotsDir()).ok());
    ASSERT_EQ(::rename(tree.c_str(), paths_->Snapshot(layer_.digest).c_str()), 0);
    ASSERT_TRUE(RecordLazyLayer(*paths_, layer_).ok());
  }

  bool BlobFile() const {
    struct stat st;
    return ::stat(paths_->Blob(layer_.digest).c_str(), &st) == 0;
  }

  // Tags an image whose one layer is the lazy one.
  void TagImage() {
    auto blobs = BlobStore::Open(*paths_);
    ASSERT_TRUE(blobs.ok());
    oci::ImageConfig c;
    c.architecture = "amd64";
    c.os = "linux";
    c.diff_ids = {layer_.digest};
    auto config = blobs->Put(c.ToJson());
    ASSERT_TRUE(config.ok());
    oci::Manifest m;
    m.media_type = "application/vnd.oci.image.manifest.v1+json";
    m.config.media_type = "application/vnd.oci.image.config.v1+json";
    m.config.digest = *config;
    m.config.size = 10;
    oci::Descriptor l;
    l.media_type = "application/vnd.oci.image.layer.v1.tar";
    l.digest = layer_.digest;
    l.size = layer_.size;
    m.layers = {l};
    auto manifest = blobs->Put(m.ToJson());
    ASSERT_TRUE(manifest.ok());
    ASSERT_TRUE(ImageStore(*paths_).Tag("docker.io/library/lazy:1", *manifest, "t").ok());
  }

  static constexpr int64_t kEpoch = 1700000000;
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<StorePaths> paths_;
  std::string direct_;
  LazyLayer layer_;
};

TEST_F(LazyLayerTest, PresentBeforeItsBytesAreWritten) {
  auto blobs = BlobStore::Open(*paths_);
  ASSERT_TRUE(blobs.ok());
  EXPECT_FALSE(BlobFile());
  EXPECT_TRUE(blobs->Has(layer_.digest));
  EXPECT_FALSE(blobs->HasFile(layer_.digest));
  EXPECT_EQ(*blobs->Size(layer_.digest), layer_.size);
  EXPECT_TRUE(BlobVerifier(*paths_).CheckForUse(layer_.digest, layer_.size).ok());
  EXPECT_EQ(BlobVerifier(*paths_).CheckForUse(layer_.digest, 7).message(),
            "blob " + layer_.digest.str() + ": " + std::to_string(layer_.size) +
                " bytes, expected 7");
  auto inv = TakeInventory(*paths_);
  ASSERT_TRUE(inv.ok());
  EXPECT_EQ(inv->lazy_blobs, std::set<std::string>{std::string(layer_.digest.hex())});
}

TEST_F(LazyLayerTest, MaterializeWritesTheSameTarOnce) {
  ASSERT_TRUE(MaterializeLayer(*paths_, layer_.digest).ok());
  ASSERT_TRUE(BlobFile());
  EXPECT_EQ(*ReadFile(paths_->Blob(layer_.digest)), *ReadFile(direct_));
  EXPECT_FALSE(FindLazyLayer(*paths_, layer_.digest));  // an ordinary blob now
  struct stat before, after;
  ASSERT_EQ(::stat(paths_->Blob(layer_.digest).c_str(), &before), 0);
  ASSERT_TRUE(MaterializeLayer(*paths_, layer_.digest).ok());
  ASSERT_EQ(::stat(paths_->Blob(layer_.digest).c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);
  // A digest that is neither blob nor lazy layer is left to the caller.
  EXPECT_TRUE(MaterializeLayer(*paths_, oci::Digest::Of("other")).ok());
}

TEST_F(LazyLayerTest, GzipStraightFromTheSnapshot) {
  std::string gz = dir_->path() + "/layer.gz";
  auto out = WriteLazyLayerGzip(*paths_, layer_.digest, gz, 6);
  ASSERT_TRUE(out.ok()) << out.status().message();
  ASSERT_TRUE(out->has_value());
  EXPECT_FALSE(BlobFile());  // the plain tar was never written
  // The same bytes as gzipping the tar written outright.
  std::string tar = *ReadFile(direct_);
  auto sink = oci::BlobSink::Create(dir_->path() + "/expected.gz", 6);
  ASSERT_TRUE(sink.ok());
  ASSERT_TRUE(sink->Write(tar.data(), tar.size()).ok());
  auto expected = sink->Finish();
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ((*out)->digest, expected->digest);
  EXPECT_EQ((*out)->diff_id, layer_.digest);
  EXPECT_EQ(*ReadFile(gz), *ReadFile(dir_->path() + "/expected.gz"));
  // Once the blob is written, the caller recompresses it as any other.
  ASSERT_TRUE(MaterializeLayer(*paths_, layer_.digest).ok());
  auto none = WriteLazyLayerGzip(*paths_, layer_.digest, gz, 6);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST_F(LazyLayerTest, AChangedSnapshotIsRefusedAndNothingWritten) {
  ASSERT_TRUE(WriteFileAtomic(paths_->Snapshot(layer_.digest) + "/etc/conf", "answer=43\n").ok());
  Status st = MaterializeLayer(*paths_, layer_.digest);
  ASSERT_FALSE(st.ok());
  std::string hex(layer_.digest.hex());
  EXPECT_TRUE(st.message().starts_with("layer " + layer_.digest.str() + ": its snapshot snapshots/" +
                                       hex + " now makes sha256:"))
      << st.message();
  EXPECT_TRUE(st.message().ends_with("; remove the images that use it and build them again"));
  EXPECT_FALSE(BlobFile());
  EXPECT_EQ(CheckLazyLayer(*paths_, layer_.digest).message(), st.message());
  auto report = VerifyStore(*paths_, /*repair=*/true);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->problems, std::vector<std::string>{st.message()});
  EXPECT_FALSE(FindLazyLayer(*paths_, layer_.digest));  // repair dropped the record
}

TEST_F(LazyLayerTest, ASnapshotGoneMeansTheLayerIsGone) {
  ASSERT_TRUE(RemoveAll(paths_->Snapshot(layer_.digest)).ok());
  auto blobs = BlobStore::Open(*paths_);
  ASSERT_TRUE(blobs.ok());
  EXPECT_FALSE(blobs->Has(layer_.digest));
  EXPECT_EQ(BlobVerifier(*paths_).CheckForUse(layer_.digest, -1).code(), ErrorCode::kNotFound);
}

TEST_F(LazyLayerTest, PruneAllKeepsTheSnapshotOfATaggedLazyLayer) {
  TagImage();
  ASSERT_TRUE(Prune(*paths_, {.all = true}).ok());
  EXPECT_TRUE(FindLazyLayer(*paths_, layer_.digest));
  ASSERT_TRUE(MaterializeLayer(*paths_, layer_.digest).ok());
  EXPECT_EQ(*ReadFile(paths_->Blob(layer_.digest)), *ReadFile(direct_));
  // Written, the blob carries the image: now --all may drop the snapshot.
  ASSERT_TRUE(Prune(*paths_, {.all = true}).ok());
  struct stat st;
  EXPECT_NE(::stat(paths_->Snapshot(layer_.digest).c_str(), &st), 0);
  EXPECT_TRUE(BlobFile());
}

TEST_F(LazyLayerTest, AnUnusedLazyLayerGoesWithItsSnapshot) {
  auto report = Prune(*paths_, {});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->blobs, 1);
  EXPECT_EQ(report->snapshots, 1);
  struct stat st;
  EXPECT_NE(::stat(paths_->Snapshot(layer_.digest).c_str(), &st), 0);
  EXPECT_NE(::stat(paths_->Lazy(layer_.digest).c_str(), &st), 0);
}

}  // namespace
}  // namespace mybuild::cache
