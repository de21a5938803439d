#include "cache/blob_verify.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/blob_store.h"
#include "cache/step_index.h"

namespace mybuild::cache {
namespace {

class BlobVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    paths_ = std::make_unique<StorePaths>(dir_->path());
    auto blobs = BlobStore::Open(*paths_);
    ASSERT_TRUE(blobs.ok());
    // Through Commit, as layers arrive: that marks the blob verified.
    const std::string tmp = *blobs->NewTempPath();
    ASSERT_TRUE(WriteFileAtomic(tmp, "layer").ok());
    ASSERT_TRUE(blobs->Commit(tmp, digest_).ok());
    record_ = {{digest_, oci::Digest::Of("tar"), 5, "application/vnd.oci.image.layer.v1.tar+gzip"},
               "sha256:below", ""};
    ASSERT_TRUE(StepIndex(*paths_).Record(key_, record_).ok());
  }

  // Rewrites the blob in place, as a disk or another program would. The
  // wait lets the kernel's coarse clock move on, so the blob's ctime
  // differs from the one its mark holds.
  void Overwrite(const std::string& bytes) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto fd = OpenFile(paths_->Blob(digest_), O_WRONLY | O_TRUNC);
    ASSERT_TRUE(fd.ok());
    ASSERT_TRUE(WriteAll(fd->get(), bytes, "blob").ok());
  }

  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<StorePaths> paths_;
  const oci::Digest digest_ = oci::Digest::Of("layer");
  const std::string key_ = std::string(64, 'b');
  StepRecord record_;
};

TEST_F(BlobVerifyTest, AVerifiedBlobIsTrustedUntilItChanges) {
  BlobVerifier v(*paths_);
  EXPECT_TRUE(v.CheckForUse(digest_, 5).ok());
  // The mark was made at commit: same device, inode, size and times.
  struct stat st;
  ASSERT_EQ(::stat(paths_->Verified(digest_).c_str(), &st), 0);
  EXPECT_EQ(StepIndex(*paths_).Find(key_).state, RecordState::kPresent);
}

TEST_F(BlobVerifyTest, AFlippedByteIsAMissAndTheBlobIsQuarantined) {
  Overwrite("lbyer");
  StepLookup found = StepIndex(*paths_).Find(key_);
  EXPECT_EQ(found.state, RecordState::kBlobDamaged);
  EXPECT_EQ(found.detail, "blob " + digest_.str() + ": content hashes to " +
                              oci::Digest::Of("lbyer").str());
  // Out of blobs/, kept aside as it was found, its mark gone.
  EXPECT_FALSE(BlobStore::Open(*paths_)->Has(digest_));
  EXPECT_EQ(*ReadFile(paths_->Quarantined(digest_)), "lbyer");
  EXPECT_NE(::access(paths_->Verified(digest_).c_str(), F_OK), 0);
  // Now it is simply missing: the step runs again and stores it anew.
  EXPECT_EQ(StepIndex(*paths_).Find(key_).state, RecordState::kBlobMissing);
}

TEST_F(BlobVerifyTest, AnEmptiedBlobIsDamagedWhateverItsMark) {
  Overwrite("");
  StepLookup found = StepIndex(*paths_).Find(key_);
  EXPECT_EQ(found.state, RecordState::kBlobDamaged);
  EXPECT_EQ(found.detail, "blob " + digest_.str() + ": 0 bytes, expected 5");
}

TEST_F(BlobVerifyTest, AnUnmarkedBlobIsHashedOnceThenMarked) {
  ASSERT_EQ(::unlink(paths_->Verified(digest_).c_str()), 0);
  BlobVerifier v(*paths_);
  EXPECT_TRUE(v.CheckForUse(digest_, 5).ok());
  EXPECT_EQ(::access(paths_->Verified(digest_).c_str(), F_OK), 0);
  EXPECT_EQ(v.CheckForUse(digest_, 6).message(),
            "blob " + digest_.str() + ": 5 bytes, expected 6");
  EXPECT_EQ(v.CheckForUse(oci::Digest::Of("none"), 1).code(), ErrorCode::kNotFound);
}

TEST_F(BlobVerifyTest, CommitReplacesAPresentBlobThatNoLongerVerifies) {
  Overwrite("lbyer");
  auto blobs = BlobStore::Open(*paths_);
  const std::string tmp = *blobs->NewTempPath();
  ASSERT_TRUE(WriteFileAtomic(tmp, "layer").ok());
  ASSERT_TRUE(blobs->Commit(tmp, digest_).ok());
  EXPECT_EQ(*ReadFile(paths_->Blob(digest_)), "layer");
  EXPECT_TRUE(BlobVerifier(*paths_).CheckForUse(digest_, 5).ok());
}

TEST_F(BlobVerifyTest, CommitKeepsAMarkedBlobAndReplacesAnUnmarkedOneUnread) {
  auto blobs = BlobStore::Open(*paths_);
  struct stat before, after;
  ASSERT_EQ(::stat(paths_->Blob(digest_).c_str(), &before), 0);
  std::string tmp = *blobs->NewTempPath();
  ASSERT_TRUE(WriteFileAtomic(tmp, "layer").ok());
  ASSERT_TRUE(blobs->CommitWritten(tmp, digest_).ok());
  ASSERT_EQ(::stat(paths_->Blob(digest_).c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);
  EXPECT_NE(::access(tmp.c_str(), F_OK), 0);
  // A hardlink (an OCI layout's) changes the ctime: the mark no longer
  // matches, and the next commit puts the fresh copy in its place. The
  // wait lets the kernel's coarse clock move on, as in Overwrite.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const std::string link = dir_->path() + "/linked";
  ASSERT_EQ(::link(paths_->Blob(digest_).c_str(), link.c_str()), 0);
  BlobVerifier v(*paths_);
  EXPECT_FALSE(v.IsMarked(digest_));
  tmp = *blobs->NewTempPath();
  ASSERT_TRUE(WriteFileAtomic(tmp, "layer").ok());
  struct stat fresh;
  ASSERT_EQ(::stat(tmp.c_str(), &fresh), 0);
  ASSERT_TRUE(blobs->CommitWritten(tmp, digest_).ok());
  ASSERT_EQ(::stat(paths_->Blob(digest_).c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, fresh.st_ino);
  EXPECT_TRUE(v.IsMarked(digest_));
  EXPECT_FALSE(v.IsMarked(oci::Digest::Of("none")));
}

// A variant a push makes is committed unsynced: until its Sync it has no
// mark, so a use hashes it and a copy a crash tore is found by its digest.
TEST_F(BlobVerifyTest, AnUnsyncedBlobIsHashedOnUseUntilItsSyncMarksIt) {
  auto blobs = BlobStore::Open(*paths_);
  const oci::Digest d = oci::Digest::Of("variant");
  const std::string tmp = *blobs->NewTempPath();
  {
    auto fd = OpenFile(tmp, O_WRONLY | O_CREAT | O_TRUNC);
    ASSERT_TRUE(fd.ok());
    ASSERT_TRUE(WriteAll(fd->get(), "variant", tmp).ok());
  }
  ASSERT_TRUE(blobs->CommitUnsynced(tmp, d).ok());
  EXPECT_NE(::access(tmp.c_str(), F_OK), 0);
  EXPECT_EQ(*ReadFile(paths_->Blob(d)), "variant");
  UnsyncedBlobs unsynced(*paths_);
  unsynced.Add(d);
  EXPECT_TRUE(unsynced.Has(d));
  BlobVerifier v(*paths_);
  EXPECT_FALSE(v.IsMarked(d));
  ASSERT_TRUE(unsynced.Sync().ok());
  EXPECT_FALSE(unsynced.Has(d));
  EXPECT_TRUE(v.IsMarked(d));
  EXPECT_TRUE(unsynced.Sync().ok());  // nothing left to sync
}

TEST_F(BlobVerifyTest, AnUnsyncedBlobTornBeforeItsSyncIsFoundByItsDigest) {
  auto blobs = BlobStore::Open(*paths_);
  const oci::Digest d = oci::Digest::Of("variant");
  const std::string tmp = *blobs->NewTempPath();
  ASSERT_TRUE(WriteFileAtomic(tmp, "variant").ok());
  ASSERT_TRUE(blobs->CommitUnsynced(tmp, d).ok());
  {
    // What a crash may leave: the name and size, not the bytes.
    auto fd = OpenFile(paths_->Blob(d), O_WRONLY | O_TRUNC);
    ASSERT_TRUE(fd.ok());
    ASSERT_TRUE(WriteAll(fd->get(), std::string(7, '\0'), "blob").ok());
  }
  EXPECT_EQ(BlobVerifier(*paths_).CheckForUse(d, 7).message(),
            "blob " + d.str() + ": content hashes to " + oci::Digest::Of(std::string(7, '\0')).str());
  // A commit of a fresh copy replaces it (it has no mark to keep it).
  const std::string again = *blobs->NewTempPath();
  ASSERT_TRUE(WriteFileAtomic(again, "variant").ok());
  ASSERT_TRUE(blobs->CommitUnsynced(again, d).ok());
  EXPECT_EQ(*ReadFile(paths_->Blob(d)), "variant");
}

TEST_F(BlobVerifyTest, ListingsNeitherHashNorQuarantine) {
  Overwrite("lbyer");
  int seen = 0;
  ASSERT_TRUE(StepIndex(*paths_)
                  .ForEach([&](const std::string&, const StepLookup& l, std::time_t) {
                    ++seen;
                    EXPECT_EQ(l.state, RecordState::kPresent);
                  })
                  .ok());
  EXPECT_EQ(seen, 1);
  EXPECT_TRUE(BlobStore::Open(*paths_)->Has(digest_));
}

TEST_F(BlobVerifyTest, SmallBlobsAreHashedOnEveryReadAndRewrittenByPut) {
  auto blobs = BlobStore::Open(*paths_);
  Overwrite("lbyer");
  EXPECT_EQ(blobs->Get(digest_).status().message(),
            "blob " + digest_.str() + ": content hashes to " + oci::Digest::Of("lbyer").str());
  ASSERT_TRUE(blobs->Put("layer").ok());
  EXPECT_EQ(*blobs->Get(digest_), "layer");
}

}  // namespace
}  // namespace mybuild::cache
