#include "cache/step_index.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "cache/blob_store.h"
#include "cache/step_history.h"
#include "planner/step_inputs.h"

namespace mybuild::cache {
namespace {

class StepIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    paths_ = std::make_unique<StorePaths>(dir_->path());
  }
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<StorePaths> paths_;
  const std::string key_ = std::string(64, 'a');
  StepRecord record_{{oci::Digest::Of("gz"), oci::Digest::Of("tar"), 2,
                      "application/vnd.oci.image.layer.v1.tar+gzip"},
                     "sha256:below", ""};
};

TEST_F(StepIndexTest, RecordsSurviveReopenAndNeedTheirBlob) {
  auto blobs = BlobStore::Open(*paths_);
  ASSERT_TRUE(blobs.ok());
  EXPECT_EQ(StepIndex(*paths_).Find(key_).state, RecordState::kAbsent);
  ASSERT_TRUE(StepIndex(*paths_).Record(key_, record_).ok());
  // The blob is not in the store yet: a record without its blob is a miss.
  EXPECT_EQ(StepIndex(*paths_).Find(key_).state, RecordState::kBlobMissing);
  ASSERT_TRUE(blobs->Put("gz").ok());
  StepLookup hit = StepIndex(*paths_).Find(key_);
  ASSERT_EQ(hit.state, RecordState::kPresent);
  EXPECT_EQ(hit.record.layer.digest, record_.layer.digest);
  EXPECT_EQ(hit.record.layer.diff_id, record_.layer.diff_id);
  EXPECT_EQ(hit.record.layer.size, 2);
  EXPECT_EQ(hit.record.layer.media_type, record_.layer.media_type);
  EXPECT_EQ(hit.record.below, "sha256:below");
}

TEST_F(StepIndexTest, RecordBytesAreChecksummed) {
  ASSERT_TRUE(StepIndex(*paths_).Record(key_, record_).ok());
  std::string body =
      "{\"below\":\"sha256:below\",\"diff_id\":\"" + record_.layer.diff_id.str() +
      "\",\"digest\":\"" + record_.layer.digest.str() + "\",\"key\":\"" + key_ +
      "\",\"media_type\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
      "\"size\":2,\"v\":2}";
  std::string text = *ReadFile(paths_->Step(key_));
  const std::string first = "{\"below\":\"sha256:below\",";
  EXPECT_EQ(text, first + "\"checksum\":\"" + Sha256Hex(body) + "\"," +
                      body.substr(first.size()) + "\n");
  // One changed byte, even one that keeps the JSON valid, is noticed.
  size_t at = text.find("\"size\":2");
  text[at + 7] = '3';
  ASSERT_TRUE(WriteFileAtomic(paths_->Step(key_), text).ok());
  StepLookup bad = StepIndex(*paths_).Find(key_);
  EXPECT_EQ(bad.state, RecordState::kCorrupt);
  EXPECT_EQ(bad.detail, "step record \"" + paths_->Step(key_) + "\" is corrupt");
  ASSERT_TRUE(WriteFileAtomic(paths_->Step(key_), "{\"key\":").ok());
  EXPECT_EQ(StepIndex(*paths_).Find(key_).state, RecordState::kCorrupt);
}

TEST_F(StepIndexTest, CreatedTimeIsKeptAndChecksummed) {
  auto blobs = BlobStore::Open(*paths_);
  ASSERT_TRUE(blobs.ok() && blobs->Put("gz").ok());
  StepRecord timed = record_;
  timed.created = "2026-11-23T07:00:00Z";
  ASSERT_TRUE(StepIndex(*paths_).Record(key_, timed).ok());
  StepLookup hit = StepIndex(*paths_).Find(key_);
  ASSERT_EQ(hit.state, RecordState::kPresent);
  EXPECT_EQ(hit.record.created, "2026-11-23T07:00:00Z");
  std::string text = *ReadFile(paths_->Step(key_));
  size_t at = text.find("07:00:00Z");
  ASSERT_NE(at, std::string::npos) << text;
  text[at + 1] = '8';
  ASSERT_TRUE(WriteFileAtomic(paths_->Step(key_), text).ok());
  EXPECT_EQ(StepIndex(*paths_).Find(key_).state, RecordState::kCorrupt);
  // A record without the field (as older builds wrote) reads with "".
  ASSERT_TRUE(StepIndex(*paths_).Record(key_, record_).ok());
  EXPECT_EQ(StepIndex(*paths_).Find(key_).record.created, "");
}

TEST_F(StepIndexTest, ForEachTouchAndRemove) {
  const std::string other(64, 'b');
  ASSERT_TRUE(StepIndex(*paths_).Record(other, record_).ok());
  ASSERT_TRUE(StepIndex(*paths_).Record(key_, record_).ok());
  struct timespec old[2] = {{1000, 0}, {1000, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, paths_->Step(key_).c_str(), old, 0), 0);
  std::vector<std::pair<std::string, std::time_t>> seen;
  ASSERT_TRUE(StepIndex(*paths_).ForEach([&](const std::string& k,
                                             const StepLookup& l, std::time_t t) {
    EXPECT_EQ(l.state, RecordState::kBlobMissing);
    seen.push_back({k, t});
  }).ok());
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], std::make_pair(key_, std::time_t{1000}));
  EXPECT_EQ(seen[1].first, other);
  StepIndex(*paths_).Touch(key_);
  struct stat st;
  ASSERT_EQ(::stat(paths_->Step(key_).c_str(), &st), 0);
  EXPECT_GT(st.st_mtime, 1000);
  ASSERT_TRUE(StepIndex(*paths_).Remove(key_).ok());
  ASSERT_TRUE(StepIndex(*paths_).Remove(key_).ok());
  EXPECT_EQ(StepIndex(*paths_).Find(key_).state, RecordState::kAbsent);
}

TEST_F(StepIndexTest, ChainIdsFollowOci) {
  oci::Digest a = oci::Digest::Of("a"), b = oci::Digest::Of("b");
  EXPECT_EQ(ChainOf({}), "");
  EXPECT_EQ(ChainOf({a}), a.str());
  EXPECT_EQ(ChainOf({a, b}), "sha256:" + Sha256Hex(a.str() + " " + b.str()));
}

TEST_F(StepIndexTest, HistoryAndInputsRoundTrip) {
  StepHistory h(*paths_);
  EXPECT_TRUE(h.Load("build").empty());
  EXPECT_FALSE(h.LoadInputs(key_).has_value());
  ASSERT_TRUE(h.Save("build", {{"0/1", key_}}).ok());
  EXPECT_EQ(h.Load("build"), (BuildHistory{{"0/1", key_}}));
  std::vector<planner::StepInput> in = {{"ARG V", "1"}, {"file a", "100644 x"}};
  ASSERT_TRUE(h.SaveInputs(key_, in).ok());
  // What is stored is sealed: the value's digest, not the value.
  EXPECT_EQ(*h.LoadInputs(key_), planner::SealInputs(in));
  EXPECT_EQ(ReadFile(paths_->Inputs(key_))->find("\"1\""), std::string::npos);
  // A file of the first version (values in the clear) is no record.
  ASSERT_TRUE(WriteFileAtomic(paths_->Inputs(key_), "{\"key\":\"" + key_ +
                                                       "\",\"inputs\":[[\"ARG V\",\"1\"]]}\n")
                  .ok());
  EXPECT_FALSE(h.LoadInputs(key_).has_value());
  EXPECT_EQ(StepHistory::BuildId("/ctx", "Dockerfile"),
            Sha256Hex(std::string("/ctx\0Dockerfile", 15)));
}

}  // namespace
}  // namespace mybuild::cache
