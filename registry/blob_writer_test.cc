#include "registry/blob_writer.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/temp_dir.h"

namespace mybuild::registry {
namespace {

size_t FilesIn(const std::string& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e :
       std::filesystem::directory_iterator(dir)) {
    ++n;
  }
  return n;
}

TEST(BlobWriterTest, VerifiedContentIsRenamedIntoPlace) {
  auto dir = std::move(TempDir::Create()).value();
  std::string path = dir.path() + "/blobs/sha256/x";
  auto w = std::move(BlobWriter::Create(path)).value();
  ASSERT_TRUE(w->Write("hello ").ok());
  ASSERT_TRUE(w->Write("world").ok());
  EXPECT_EQ(w->bytes_written(), 11);
  ASSERT_TRUE(w->Commit(oci::Digest::Of("hello world"), 11).ok());
  w.reset();
  EXPECT_EQ(*ReadFile(path), "hello world");
  EXPECT_EQ(FilesIn(dir.path() + "/blobs/sha256"), 1u);
}

TEST(BlobWriterTest, ResetStartsOver) {
  auto dir = std::move(TempDir::Create()).value();
  auto w = std::move(BlobWriter::Create(dir.path() + "/b")).value();
  ASSERT_TRUE(w->Write("partial garbage").ok());
  ASSERT_TRUE(w->Reset().ok());
  ASSERT_TRUE(w->Write("abc").ok());
  ASSERT_TRUE(w->Commit(oci::Digest::Of("abc"), -1).ok());
  EXPECT_EQ(*ReadFile(dir.path() + "/b"), "abc");
}

TEST(BlobWriterTest, MismatchLeavesNoFile) {
  auto dir = std::move(TempDir::Create()).value();
  {
    auto w = std::move(BlobWriter::Create(dir.path() + "/b")).value();
    ASSERT_TRUE(w->Write("evil").ok());
    Status st = w->Commit(oci::Digest::Of("good"), -1);
    EXPECT_EQ(st.message(), "digest mismatch: expected " +
                                oci::Digest::Of("good").str() + ", got " +
                                oci::Digest::Of("evil").str() + " (4 bytes)");
  }
  {
    auto w = std::move(BlobWriter::Create(dir.path() + "/b")).value();
    ASSERT_TRUE(w->Write("good!").ok());
    EXPECT_EQ(w->Commit(oci::Digest::Of("good!"), 4).message(),
              "size mismatch: expected 4 bytes, got 5");
  }
  EXPECT_EQ(FilesIn(dir.path()), 0u);
}

}  // namespace
}  // namespace mybuild::registry
