#include "cache/stat_cache.h"

#include <sys/time.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "cache/context_digester.h"

namespace mybuild::cache {
namespace {

class StatCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    paths_ = std::make_unique<StorePaths>(P("root"));
    for (const char* f : {"a", "b", "c"}) Write(std::string("ctx/") + f, f);
  }
  std::string P(const std::string& p) { return dir_->path() + "/" + p; }
  // Writes a file dated two seconds ago, so its cache entry is not racy.
  void Write(const std::string& rel, const std::string& text) {
    ASSERT_TRUE(MakeDirs(P("ctx")).ok());
    ASSERT_TRUE(WriteFileAtomic(P(rel), text).ok());
    struct timeval now;
    ::gettimeofday(&now, nullptr);
    struct timeval tv[2] = {{now.tv_sec - 2, 0}, {now.tv_sec - 2, 0}};
    ASSERT_EQ(::utimes(P(rel).c_str(), tv), 0);
  }
  // Digests the whole context through a cache loaded from the store and
  // saved afterwards; returns {digest, hits, misses}.
  std::tuple<std::string, int, int> Digest(bool normalize = false) {
    StatCache cache = StatCache::Load(*paths_, P("ctx"));
    ContextDigester d(P("ctx"), nullptr, {.normalize_perms = normalize, .stat_cache = &cache});
    auto r = d.Digest({"."});
    EXPECT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(cache.Save().ok());
    return {r.ok() ? *r : "", cache.hits(), cache.misses()};
  }
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<StorePaths> paths_;
};

TEST_F(StatCacheTest, UnchangedFilesAreNotReadAgain) {
  auto [first, hits1, misses1] = Digest();
  EXPECT_EQ(hits1, 0);
  EXPECT_EQ(misses1, 3);
  EXPECT_EQ(first, *ContextDigester(P("ctx"), nullptr).Digest({"."}));
  auto [second, hits2, misses2] = Digest();
  EXPECT_EQ(second, first);
  EXPECT_EQ(hits2, 3);
  EXPECT_EQ(misses2, 0);
  // A changed file is read again: content, mode, or a new inode.
  Write("ctx/b", "B");
  ASSERT_EQ(::chmod(P("ctx/c").c_str(), 0600), 0);
  auto [third, hits3, misses3] = Digest();
  EXPECT_NE(third, first);
  EXPECT_EQ(hits3, 1);
  EXPECT_EQ(misses3, 2);
  EXPECT_EQ(third, *ContextDigester(P("ctx"), nullptr).Digest({"."}));
}

TEST_F(StatCacheTest, RacyEntriesAreHashedAgain) {
  ASSERT_TRUE(WriteFileAtomic(P("ctx/a"), "fresh").ok());  // mtime: now
  Digest();
  auto [digest, hits, misses] = Digest();
  EXPECT_EQ(hits, 2);
  EXPECT_EQ(misses, 1);  // a was hashed within a second of its change
}

TEST_F(StatCacheTest, FilesThatLeftTheContextAreForgotten) {
  Digest();
  ASSERT_EQ(::unlink(P("ctx/c").c_str()), 0);
  Digest();
  std::string text = *ReadFile(paths_->ContextCache(Sha256Hex(P("ctx"))));
  EXPECT_EQ(text.find(std::string(" c\0\n", 4)), std::string::npos);
  EXPECT_NE(text.find(std::string(" b\0\n", 4)), std::string::npos);
  // A damaged cache is an empty one, not an error.
  ASSERT_TRUE(WriteFileAtomic(paths_->ContextCache(Sha256Hex(P("ctx"))),
                              "mybuild-stat-cache 1\n12 x").ok());
  auto [digest, hits, misses] = Digest();
  EXPECT_EQ(misses, 2);
}

}  // namespace
}  // namespace mybuild::cache
