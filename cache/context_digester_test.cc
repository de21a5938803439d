#include "cache/context_digester.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>

#include <gtest/gtest.h>

#include <atomic>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"

namespace mybuild::cache {
namespace {

class ContextDigesterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    ASSERT_TRUE(MakeDirs(P("src/sub")).ok());
    ASSERT_TRUE(WriteFileAtomic(P("src/a.c"), "a").ok());
    ASSERT_TRUE(WriteFileAtomic(P("src/sub/b.c"), "b").ok());
    ASSERT_TRUE(WriteFileAtomic(P("notes.md"), "n").ok());
  }
  std::string P(const std::string& p) { return dir_->path() + "/" + p; }
  std::string D(std::vector<std::string> sources,
                std::function<bool(const std::string&)> ex = nullptr) {
    auto r = ContextDigester(dir_->path(), ex).Digest(sources);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : "";
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(ContextDigesterTest, ContentAndModeCountMtimeDoesNot) {
  std::string before = D({"src"});
  EXPECT_EQ(before.size(), 71u);
  struct timeval tv[2] = {{1, 0}, {1, 0}};
  ASSERT_EQ(::utimes(P("src/a.c").c_str(), tv), 0);
  EXPECT_EQ(D({"src"}), before);
  ASSERT_EQ(::chmod(P("src/a.c").c_str(), 0755), 0);
  std::string chmodded = D({"src"});
  EXPECT_NE(chmodded, before);
  ASSERT_TRUE(WriteFileAtomic(P("src/sub/b.c"), "B", 0644).ok());
  EXPECT_NE(D({"src"}), chmodded);
  // The pattern as written is part of the digest: COPY *.md and COPY
  // notes.md are different steps even when they copy the same file.
  EXPECT_NE(D({"notes.md"}), D({"*.md"}));
}

// Enough files for them to be read by several threads: the digest is still the stream of docs/cache-keys.md in walk
// order, and the same through a stat cache that knows none of them.
TEST_F(ContextDigesterTest, ManyFilesHashAsOneStreamInWalkOrder) {
  ASSERT_TRUE(MakeDirs(P("many")).ok());
  struct stat dir_st;
  ASSERT_EQ(::lstat(P("many").c_str(), &dir_st), 0);
  std::string stream = std::string("many\0", 5) + "many" + '\0' +
                       std::to_string(dir_st.st_mode) + '\0' + '\n';
  for (int i = 0; i < 300; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "f%03d", i);
    std::string text = "x" + std::to_string(i);
    ASSERT_TRUE(WriteFileAtomic(P("many/") + name, text, 0644).ok());
    stream += std::string("many/") + name + '\0' + std::to_string(S_IFREG | 0644) + '\0' +
              Sha256Hex(text) + '\n';
  }
  std::string want = "sha256:" + Sha256Hex(stream);
  EXPECT_EQ(D({"many"}), want);
  StatCache empty;
  auto cached = ContextDigester(dir_->path(), nullptr, {.stat_cache = &empty}).Digest({"many"});
  ASSERT_TRUE(cached.ok()) << cached.status().message();
  EXPECT_EQ(*cached, want);
  EXPECT_EQ(empty.misses(), 300);
}

// Files read on several threads while the walk goes on, opened in their
// directories: 300 directories, sizes around the one-read limit (64 KiB) and a symlink, hash
// as the one stream in walk order; so does the same tree read again with
// a stat cache.
TEST_F(ContextDigesterTest, ReadersGiveTheStreamOfTheWalk) {
  const size_t sizes[] = {0, 1, 100, 65535, 65536, 65537, 200000};
  std::string stream = std::string("wide\0", 5);
  auto add_dir = [&](const std::string& rel) {
    struct stat st;
    ASSERT_EQ(::lstat(P(rel).c_str(), &st), 0);
    stream += rel + '\0' + std::to_string(st.st_mode) + '\0' + '\n';
  };
  ASSERT_TRUE(MakeDirs(P("wide")).ok());
  add_dir("wide");
  for (int d = 0; d < 300; ++d) {
    char dname[16];
    std::snprintf(dname, sizeof dname, "d%03d", d);
    const std::string drel = std::string("wide/") + dname;
    ASSERT_TRUE(MakeDirs(P(drel)).ok());
    add_dir(drel);
    for (int f = 0; f < 3; ++f) {
      size_t size = sizes[(d * 3 + f) % 7];
      std::string text(size, '\0');
      for (size_t k = 0; k < size; ++k) text[k] = static_cast<char>('a' + (k * 7 + d + f) % 26);
      const std::string rel = drel + "/f" + std::to_string(f);
      ASSERT_TRUE(WriteFileAtomic(P(rel), text, 0644).ok());
      stream += rel + '\0' + std::to_string(S_IFREG | 0644) + '\0' + Sha256Hex(text) + '\n';
    }
    if (d == 7) {
      ASSERT_EQ(::symlink("f0", P(drel + "/l").c_str()), 0);
      stream += drel + "/l" + '\0' + std::to_string(S_IFLNK | 0777) + '\0' + "f0" + '\n';
    }
  }
  const std::string want = "sha256:" + Sha256Hex(stream);
  EXPECT_EQ(D({"wide"}), want);
  StatCache cache;
  ContextDigester with_cache(dir_->path(), nullptr, {.stat_cache = &cache});
  EXPECT_EQ(with_cache.Digest({"wide"}).value(), want);
  EXPECT_EQ(cache.misses(), 900);
  // Racily clean entries (just written) are read again: the same stream.
  EXPECT_EQ(with_cache.Digest({"wide"}).value(), want);

  // One byte changed deep in the tree changes it.
  ASSERT_TRUE(WriteFileAtomic(P("wide/d299/f2"), "changed", 0644).ok());
  EXPECT_NE(D({"wide"}), want);
}

// A fresh cache misses the first files, and the walk then takes the stat
// of the rest from the open file (no lstat): those stats are right, so the
// next walk knows every file without reading one, and a change is seen.
TEST_F(ContextDigesterTest, FilesStatedWhenOpenedAreKnownToTheNextWalk) {
  ASSERT_TRUE(MakeDirs(P("tree")).ok());
  const struct timespec old[2] = {{1600000000, 0}, {1600000000, 0}};  // not racy
  for (int i = 0; i < 100; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "tree/f%03d", i);
    ASSERT_TRUE(WriteFileAtomic(P(name), "x" + std::to_string(i), i % 2 ? 0755 : 0644).ok());
    ASSERT_EQ(::utimensat(AT_FDCWD, P(name).c_str(), old, 0), 0);
  }
  const std::string want = D({"tree"});
  StatCache cache;
  ContextDigester with_cache(dir_->path(), nullptr, {.stat_cache = &cache});
  EXPECT_EQ(with_cache.Digest({"tree"}).value(), want);
  EXPECT_EQ(cache.misses(), 100);
  EXPECT_EQ(cache.hits(), 0);
  EXPECT_EQ(with_cache.Digest({"tree"}).value(), want);
  EXPECT_EQ(cache.hits(), 100);
  EXPECT_EQ(cache.misses(), 100);
  // The last file, read after the walk stopped lstat-ing: changed, seen.
  ASSERT_TRUE(WriteFileAtomic(P("tree/f099"), "changed", 0755).ok());
  std::string changed = with_cache.Digest({"tree"}).value();
  EXPECT_NE(changed, want);
  EXPECT_EQ(changed, D({"tree"}));
  EXPECT_EQ(cache.misses(), 101);
}

TEST_F(ContextDigesterTest, AStoppedDigestGivesUpAndLeavesTheStatCacheRight) {
  ASSERT_TRUE(WriteFileAtomic(P("src/big"), std::string(1 << 20, 'z')).ok());
  std::string want = D({"src"});
  StatCache cache;
  ContextDigester digester(dir_->path(), nullptr, {.stat_cache = &cache});
  std::atomic<bool> stop{true};
  Expected<std::string> stopped = digester.Digest({"src"}, stop);
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.status().code(), ErrorCode::kCancelled);
  EXPECT_EQ(stopped.status().message(), "context hash stopped");
  // Not stopped: the same digest as without the flag, and the cache the
  // stopped walk shared gives it too.
  stop = false;
  Expected<std::string> full = digester.Digest({"src"}, stop);
  ASSERT_TRUE(full.ok()) << full.status().message();
  EXPECT_EQ(*full, want);
  EXPECT_EQ(*digester.Digest({"src"}), want);
}

TEST_F(ContextDigesterTest, IgnoredFilesDoNotCount) {
  auto ignore_md = [](const std::string& p) { return p == "src/sub"; };
  std::string before = D({"."}, ignore_md);
  ASSERT_TRUE(WriteFileAtomic(P("src/sub/b.c"), "changed").ok());
  EXPECT_EQ(D({"."}, ignore_md), before);
  EXPECT_NE(D({"."}), before);
}

TEST_F(ContextDigesterTest, NormalizedPermsKeepOnlyTheExecBit) {
  auto digest = [&](std::vector<std::string> s) {
    return *ContextDigester(dir_->path(), nullptr, {.normalize_perms = true}).Digest(s);
  };
  ASSERT_EQ(::chmod(P("src/a.c").c_str(), 0644), 0);
  std::string before = digest({"src"});
  EXPECT_NE(before, D({"src"}));  // the two recipes never collide
  ASSERT_EQ(::chmod(P("src/a.c").c_str(), 0664), 0);
  ASSERT_EQ(::chmod(P("src/sub").c_str(), 0775), 0);
  EXPECT_EQ(digest({"src"}), before);
  ASSERT_EQ(::chmod(P("src/a.c").c_str(), 0744), 0);
  EXPECT_NE(digest({"src"}), before);
}

TEST_F(ContextDigesterTest, EntriesNameEveryPathWithModeAndContent) {
  ASSERT_EQ(::chmod(P("src").c_str(), 0755), 0);
  ASSERT_EQ(::chmod(P("src/sub").c_str(), 0755), 0);
  ASSERT_EQ(::chmod(P("src/a.c").c_str(), 0644), 0);
  ASSERT_EQ(::chmod(P("src/sub/b.c").c_str(), 0600), 0);
  ASSERT_EQ(::symlink("a.c", P("src/link").c_str()), 0);
  ContextDigester d(dir_->path(), nullptr);
  auto entries = d.Entries({"src"});
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  const std::string a = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
  const std::string b = "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d";
  EXPECT_EQ(*entries, (std::vector<planner::StepInput>{
                          {"file src", "40755 "},
                          {"file src/a.c", "100644 " + a},
                          {"file src/link", "120777 a.c"},
                          {"file src/sub", "40755 "},
                          {"file src/sub/b.c", "100600 " + b}}));
}

// A plain path must name something; a wildcard may match nothing
// (AllowEmptyWildcard), and then no entry is read.
TEST_F(ContextDigesterTest, MissingSourceNamesIt) {
  ContextDigester d(dir_->path(), nullptr);
  EXPECT_EQ(d.Digest({"nope/x.c"}).status().message(),
            "COPY failed: file not found in build context or excluded by "
            ".dockerignore: \"nope/x.c\"");
  EXPECT_TRUE(d.Digest({"nope/*.c"}).ok());
  EXPECT_EQ(*d.Entries({"nope/*.c"}), std::vector<planner::StepInput>{});
}

// <tmp>/host stands for the host's files; symlinks in a context at
// <tmp>/ctx lead there on the host, never in the context.
TEST(ContextDigesterSymlinkTest, NeverReadsOutsideTheContext) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  auto P = [&](const std::string& p) { return dir->path() + "/" + p; };
  ASSERT_TRUE(MakeDirs(P("ctx/host")).ok());
  ASSERT_TRUE(MakeDirs(P("host")).ok());
  ASSERT_TRUE(WriteFileAtomic(P("host/secret"), "one").ok());
  ASSERT_TRUE(WriteFileAtomic(P("ctx/host/secret"), "in").ok());
  ASSERT_EQ(::symlink("../host", P("ctx/up").c_str()), 0);
  ASSERT_EQ(::symlink(P("host").c_str(), P("ctx/abs").c_str()), 0);
  ContextDigester d(P("ctx"), nullptr);
  auto digest = [&](const std::string& source) {
    auto r = d.Digest({source});
    EXPECT_TRUE(r.ok()) << source << ": " << r.status().message();
    return r.ok() ? *r : "";
  };
  // "../host" re-rooted is the context's own /host.
  std::string before = digest("up/*"), plain = digest("up/secret");
  EXPECT_EQ(*d.Entries({"up/*"}), (std::vector<planner::StepInput>{
      {"file host/secret", "100644 " + std::string(
           "582967534d0f909d196b97f9e6921342777aea87b46fa52df165389db1fb8ccf")}}));
  ASSERT_TRUE(WriteFileAtomic(P("host/secret"), "two").ok());
  EXPECT_EQ(digest("up/*"), before);
  EXPECT_EQ(digest("up/secret"), plain);
  ASSERT_TRUE(WriteFileAtomic(P("ctx/host/secret"), "IN").ok());
  EXPECT_NE(digest("up/*"), before);  // what the context holds does count
  // The absolute host path is looked for under the context: not there.
  EXPECT_EQ(d.Digest({"abs/secret"}).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(*d.Entries({"abs/*"}), std::vector<planner::StepInput>{});
  // A RUN --mount source, the symlink itself followed, likewise.
  EXPECT_EQ(d.DigestPath("abs").status().message(),
            "RUN --mount: source \"abs\" not found in build context or "
            "excluded by .dockerignore");
  auto mount = d.DigestPath("up");
  ASSERT_TRUE(mount.ok()) << mount.status().message();
  ASSERT_TRUE(WriteFileAtomic(P("host/secret"), "three").ok());
  EXPECT_EQ(*d.DigestPath("up"), *mount);
  ASSERT_TRUE(WriteFileAtomic(P("ctx/host/secret"), "in again").ok());
  EXPECT_NE(*d.DigestPath("up"), *mount);
}

}  // namespace
}  // namespace mybuild::cache
