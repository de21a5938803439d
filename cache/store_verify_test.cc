#include "cache/store_verify.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include "cache/store_fixture.h"

namespace mybuild::cache {
namespace {

TEST(StoreVerifyTest, HealthyStoreWithLeftovers) {
  testing::StoreFixture f;
  ASSERT_TRUE(f.Make().ok());
  ASSERT_TRUE(WriteFileAtomic(f.paths->StepsDir() + "/.x.json.tmp123", "{").ok());
  ASSERT_EQ(::unlink(f.paths->Step(f.damaged_key).c_str()), 0);
  auto r = VerifyStore(*f.paths, false);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->blobs, 5);
  EXPECT_EQ(r->records, 2);
  EXPECT_EQ(r->snapshots, 2);
  EXPECT_EQ(r->tags, 1);
  EXPECT_EQ(r->leftovers, 1);
  EXPECT_EQ(r->problems, std::vector<std::string>{});
  EXPECT_EQ(r->repaired, 0);
}

TEST(StoreVerifyTest, ReportsAndRepairsDamage) {
  testing::StoreFixture f;
  ASSERT_TRUE(f.Make().ok());
  // A flipped blob, a record whose blob went, and the damaged record.
  ASSERT_TRUE(WriteFileAtomic(f.paths->Blob(f.base_blob), "not the content").ok());
  ASSERT_EQ(::unlink(f.paths->Blob(f.loose_layer).c_str()), 0);
  auto r = VerifyStore(*f.paths, false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->problems, (std::vector<std::string>{
      "blob " + f.base_blob.str() + ": content hashes to " +
          oci::Digest::Of("not the content").str(),
      "step record " + f.loose_key + ": its blob " + f.loose_layer.str() + " is missing",
      "step record \"" + f.paths->Step(f.damaged_key) + "\" is corrupt"}));
  r = VerifyStore(*f.paths, true);
  EXPECT_EQ(r->repaired, 3);
  r = VerifyStore(*f.paths, false);
  EXPECT_EQ(r->problems, std::vector<std::string>{});
  EXPECT_EQ(r->blobs, 3);
  EXPECT_EQ(r->records, 1);
}

}  // namespace
}  // namespace mybuild::cache
