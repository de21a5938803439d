#include "cache/context_digester.h"

#include <sys/stat.h>
#include <sys/time.h>

#include <gtest/gtest.h>

#include "base/fd.h"
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

TEST_F(ContextDigesterTest, IgnoredFilesDoNotCount) {
  auto ignore_md = [](const std::string& p) { return p == "src/sub"; };
  std::string before = D({"."}, ignore_md);
  ASSERT_TRUE(WriteFileAtomic(P("src/sub/b.c"), "changed").ok());
  EXPECT_EQ(D({"."}, ignore_md), before);
  EXPECT_NE(D({"."}), before);
}

TEST_F(ContextDigesterTest, MissingSourceNamesIt) {
  auto r = ContextDigester(dir_->path(), nullptr).Digest({"nope/*.c"});
  EXPECT_EQ(r.status().message(),
            "COPY failed: file not found in build context or excluded by "
            ".dockerignore: \"nope/*.c\"");
}

}  // namespace
}  // namespace mybuild::cache
