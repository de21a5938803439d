#include "cache/early_digests.h"

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::cache {
namespace {

class EarlyDigestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    ASSERT_TRUE(MakeDirs(Ctx() + "/src/sub").ok());
    for (int i = 0; i < 300; ++i) {  // enough for the walk's reader threads
      ASSERT_TRUE(WriteFileAtomic(Ctx() + "/src/sub/f" + std::to_string(i), std::to_string(i)).ok());
    }
    ASSERT_TRUE(WriteFileAtomic(Ctx() + "/a.txt", "a\n").ok());
  }
  std::string Ctx() const { return dir_->path() + "/ctx"; }
  // The digest of `sources` by a digester of its own, with a cache of its own.
  std::string Plain(const std::vector<std::string>& sources) {
    StatCache cache;
    ContextDigester d(Ctx(), nullptr, {.stat_cache = &cache});
    Expected<std::string> r = d.Digest(sources);
    return r.ok() ? *r : r.status().message();
  }
  std::unique_ptr<TempDir> dir_;
};

std::string Text(const Expected<std::string>& r) { return r.ok() ? *r : r.status().message(); }

TEST_F(EarlyDigestsTest, AnEarlyDigestIsTheOneThePlannerWouldHaveMade) {
  StatCache cache;
  ContextDigester inner(Ctx(), nullptr, {.stat_cache = &cache});
  EarlyDigests early(inner);
  early.Start({{"."}, {"src/", "a.txt"}, {"."}, {"missing"}});
  EXPECT_EQ(Text(early.Digest({"src/", "a.txt"})), Plain({"src/", "a.txt"}));
  EXPECT_EQ(Text(early.Digest({"."})), Plain({"."}));
  EXPECT_EQ(Text(early.Digest({"."})), Plain({"."}));  // asked twice, hashed once
  // A failure is the planner's failure, not a guess's.
  EXPECT_EQ(Text(early.Digest({"missing"})),
            "COPY failed: file not found in build context or excluded by .dockerignore: "
            "\"missing\"");
  EXPECT_EQ(early.answered(), 4);
  // Sources not started early (in another order, say) are digested then.
  EXPECT_EQ(Text(early.Digest({"a.txt", "src/"})), Plain({"a.txt", "src/"}));
  EXPECT_EQ(early.answered(), 4);
  EXPECT_NE(Plain({"a.txt", "src/"}), Plain({"src/", "a.txt"}));
}

TEST_F(EarlyDigestsTest, GoingAwayWaitsForTheHashUnderWay) {
  StatCache cache;
  ContextDigester inner(Ctx(), nullptr, {.stat_cache = &cache});
  {
    EarlyDigests early(inner);
    early.Start({{"."}, {"src/"}, {"a.txt"}});
  }  // never asked: what was hashed is in the cache, nothing runs on
  int seen = cache.hits() + cache.misses();
  EXPECT_EQ(Text(inner.Digest({"a.txt"})), Plain({"a.txt"}));
  EXPECT_EQ(cache.hits() + cache.misses(), seen + 1);
}

}  // namespace
}  // namespace mybuild::cache
