#include "oci/read_ahead.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::oci {
namespace {

// Bytes that differ from chunk to chunk, so a chunk given twice or out of
// order shows.
std::string Pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 7 + i / 4093) & 0xff);
  return s;
}

// Everything `r` gives until its end, or the first failure's message.
std::string Drain(ReadAhead& r, size_t* chunks = nullptr) {
  std::string out;
  while (true) {
    Expected<std::string_view> c = r.Next();
    if (!c.ok()) return "error: " + c.status().message();
    if (c->empty()) return out;
    EXPECT_LE(c->size(), ReadAhead::kChunk);
    if (chunks) ++*chunks;
    out.append(*c);
  }
}

class ReadAheadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
  }
  UniqueFd Make(const std::string& content) {
    std::string path = dir_->path() + "/f";
    EXPECT_TRUE(WriteFileAtomic(path, content).ok());
    auto fd = OpenFile(path, O_RDONLY);
    EXPECT_TRUE(fd.ok());
    return std::move(*fd);
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(ReadAheadTest, GivesTheFileInOrderInChunks) {
  const std::string content = Pattern(ReadAhead::kChunk * (ReadAhead::kDepth + 3) + 12345);
  UniqueFd fd = Make(content);
  ReadAhead r(fd.get(), static_cast<int64_t>(content.size()), "f");
  size_t chunks = 0;
  EXPECT_EQ(Drain(r, &chunks), content);
  EXPECT_GE(chunks, ReadAhead::kDepth + 4u);
  // The end stays the end.
  Expected<std::string_view> again = r.Next();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

TEST_F(ReadAheadTest, StartsAtTheOffset) {
  const std::string content = Pattern(ReadAhead::kChunk * 2 + 7);
  UniqueFd fd = Make(content);
  ASSERT_EQ(::lseek(fd.get(), 100, SEEK_SET), 100);
  ReadAhead r(fd.get(), static_cast<int64_t>(content.size()) - 100, "f");
  EXPECT_EQ(Drain(r), content.substr(100));
}

TEST_F(ReadAheadTest, EmptyFile) {
  UniqueFd fd = Make("");
  ReadAhead r(fd.get(), 0, "f");
  EXPECT_EQ(Drain(r), "");
}

TEST_F(ReadAheadTest, AFileOfAnotherSizeFails) {
  const std::string content = Pattern(ReadAhead::kChunk * 3);
  UniqueFd longer = Make(content);
  ReadAhead grew(longer.get(), static_cast<int64_t>(content.size()) - 1, "name");
  EXPECT_EQ(Drain(grew), "error: file \"name\" grew while archived");
  // The failure stays.
  EXPECT_EQ(grew.Next().status().message(), "file \"name\" grew while archived");
  UniqueFd shorter = Make(content);
  ReadAhead shrank(shorter.get(), static_cast<int64_t>(content.size()) + 1, "name");
  EXPECT_EQ(Drain(shrank), "error: file \"name\" shrank while archived");
}

TEST_F(ReadAheadTest, ReadErrorsNameTheFile) {
  auto d = OpenFile(dir_->path(), O_RDONLY | O_DIRECTORY);
  ASSERT_TRUE(d.ok());
  ReadAhead r(d->get(), 10, "dir");
  EXPECT_EQ(Drain(r), "error: read \"dir\": Is a directory");
}

// A caller that stops early (its own write failed) does not wait for the
// rest of the file.
TEST_F(ReadAheadTest, StopsWhenTheCallerGoes) {
  const std::string content = Pattern(ReadAhead::kChunk * (ReadAhead::kDepth * 4));
  UniqueFd fd = Make(content);
  {
    ReadAhead r(fd.get(), static_cast<int64_t>(content.size()), "f");
    Expected<std::string_view> first = r.Next();
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(*first, std::string_view(content).substr(0, first->size()));
  }
  // The reader read at most the chunks it could hold, not the whole file.
  EXPECT_LT(::lseek(fd.get(), 0, SEEK_CUR),
            static_cast<off_t>(ReadAhead::kChunk * (ReadAhead::kDepth + 2)));
}

}  // namespace
}  // namespace mybuild::oci
