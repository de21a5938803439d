#include "cache/step_index.h"

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/blob_store.h"

namespace mybuild::cache {
namespace {

TEST(StepIndexTest, RecordsSurviveReopenAndNeedTheirBlob) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  StorePaths paths(dir->path());
  auto blobs = BlobStore::Open(paths);
  ASSERT_TRUE(blobs.ok());
  const std::string key(64, 'a');
  EXPECT_FALSE(StepIndex(paths).Lookup(key)->has_value());

  LayerRecord layer{oci::Digest::Of("gz"), oci::Digest::Of("tar"), 2,
                    "application/vnd.oci.image.layer.v1.tar+gzip"};
  ASSERT_TRUE(StepIndex(paths).Record(key, layer).ok());
  // The blob is not in the store yet: a record without its blob is a miss.
  EXPECT_FALSE(StepIndex(paths).Lookup(key)->has_value());
  ASSERT_TRUE(blobs->Put("gz").ok());
  auto hit = StepIndex(paths).Lookup(key);
  ASSERT_TRUE(hit.ok() && hit->has_value());
  EXPECT_EQ((*hit)->digest, layer.digest);
  EXPECT_EQ((*hit)->diff_id, layer.diff_id);
  EXPECT_EQ((*hit)->size, 2);
  EXPECT_EQ((*hit)->media_type, layer.media_type);
}

TEST(StepIndexTest, CorruptRecordIsAnErrorNamingTheFile) {
  auto dir = TempDir::Create();
  StorePaths paths(dir->path());
  const std::string key(64, 'b');
  ASSERT_TRUE(MakeDirs(paths.StepsDir()).ok());
  ASSERT_TRUE(WriteFileAtomic(paths.Step(key), "{\"key\":").ok());
  EXPECT_EQ(StepIndex(paths).Lookup(key).status().message(),
            "step record \"" + paths.Step(key) + "\" is corrupt");
}

}  // namespace
}  // namespace mybuild::cache
