#include "base/fd.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "base/sha256.h"
#include "base/temp_dir.h"

namespace mybuild {
namespace {

TEST(FdTest, AtomicWriteReplacesWholeFile) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string path = dir->path() + "/f";
  ASSERT_TRUE(WriteFileAtomic(path, "first", 0600).ok());
  ASSERT_TRUE(WriteFileAtomic(path, "second").ok());
  EXPECT_EQ(*ReadFile(path), "second");
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST(FdTest, ErrorsNameThePath) {
  auto r = ReadFile("/nonexistent/mybuild-test");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "open \"/nonexistent/mybuild-test\": No such file or directory");
}

TEST(FdTest, TempDirRemovedWithContents) {
  std::string path;
  {
    auto dir = TempDir::Create();
    ASSERT_TRUE(dir.ok());
    path = dir->path();
    ASSERT_TRUE(MakeDirs(path + "/a/b").ok());
    ASSERT_TRUE(WriteFileAtomic(path + "/a/b/c", "x").ok());
  }
  struct stat st;
  EXPECT_NE(::stat(path.c_str(), &st), 0);
}

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Sha256Hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  ASSERT_TRUE(WriteFileAtomic(dir->path() + "/abc", "abc").ok());
  EXPECT_EQ(*Sha256File(dir->path() + "/abc"), Sha256Hex("abc"));
}

}  // namespace
}  // namespace mybuild
