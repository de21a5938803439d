#include "cache/stat_cache.h"

#include <fcntl.h>
#include <sys/time.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

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

// A build saves its stat cache beside its steps; a build stopped then
// must leave the last cache or the new one, whole, never a mix: the new
// text goes to a file of its own, renamed over the old one.
TEST_F(StatCacheTest, SavingReplacesTheFileWholeNeverInPlace) {
  Digest();
  const std::string file = paths_->ContextCache(Sha256Hex(P("ctx")));
  const std::string before = *ReadFile(file);
  UniqueFd old(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  ASSERT_TRUE(old.valid());
  Write("ctx/b", "B2");
  StatCache cache = StatCache::Load(*paths_, P("ctx"));
  ContextDigester d(P("ctx"), nullptr, {.stat_cache = &cache});
  ASSERT_TRUE(d.Digest({"."}).ok());
  // Saved while another walk uses the cache, as a build's steps may.
  std::thread walk([&] { EXPECT_TRUE(d.Digest({"a", "c"}).ok()); });
  ASSERT_TRUE(cache.Save().ok());
  walk.join();
  std::string kept(before.size(), '\0');
  ASSERT_EQ(::pread(old.get(), kept.data(), kept.size(), 0),
            static_cast<ssize_t>(before.size()));
  EXPECT_EQ(kept, before);  // the old file was not written into
  std::string after = *ReadFile(file);
  EXPECT_NE(after, before);
  EXPECT_NE(after.find(std::string(" b\0\n", 4)), std::string::npos);
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(P("root/contexts"))) {
    names.push_back(e.path().filename());
  }
  EXPECT_EQ(names, std::vector<std::string>{Sha256Hex(P("ctx")) + ".stat"});
  auto [digest, hits, misses] = Digest();
  EXPECT_EQ(hits, 3);
  EXPECT_EQ(misses, 0);
}

}  // namespace
}  // namespace mybuild::cache
