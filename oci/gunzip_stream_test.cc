#include "oci/gunzip_stream.h"

#include <fcntl.h>
#include <gtest/gtest.h>

#include <random>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "base/testing/shell.h"
#include "oci/parallel_gzip.h"

namespace mybuild::oci {
namespace {

using mybuild::testing::Shell;

// Bytes that compress, with some randomness so blocks differ.
std::string Data(size_t n) {
  std::mt19937 rng(7);
  std::string s;
  s.reserve(n);
  while (s.size() < n) s += "line " + std::to_string(rng() % 1000) + " of the layer\n";
  s.resize(n);
  return s;
}

// Block-parallel gzip of `data` (several members when over `block`).
std::string ParallelGzipOf(const std::string& data, size_t block) {
  std::string out;
  auto gz = ParallelGzip::Create({.level = 2, .threads = 2, .block_size = block},
                                 [&](std::string_view b) {
                                   out.append(b);
                                   return Status::Ok();
                                 });
  EXPECT_TRUE(gz.ok());
  EXPECT_TRUE(gz->Write(data.data(), data.size()).ok());
  EXPECT_TRUE(gz->Finish().ok());
  return out;
}

class GunzipStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::make_unique<TempDir>(std::move(TempDir::Create()).value());
  }
  std::string Put(const std::string& name, const std::string& bytes) {
    std::string path = dir_->path() + "/" + name;
    EXPECT_TRUE(WriteFileAtomic(path, bytes).ok());
    return path;
  }
  // Everything the stream gives for the file at `path`, read `cap` bytes
  // at a time, or the error.
  Expected<std::string> ReadAll(const std::string& path, size_t cap) {
    ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(path, O_RDONLY));
    std::unique_ptr<GunzipStream> s = GunzipStream::Open(fd.get());
    std::string out, buf(cap, '\0');
    for (;;) {
      ASSIGN_OR_RETURN(size_t n, s->Read(buf.data(), cap));
      if (n == 0) return out;
      out.append(buf, 0, n);
    }
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(GunzipStreamTest, ReadsWhatGzipWrote) {
  std::string data = Data(3 << 20);
  std::string plain = Put("plain", data);
  bool ok = false;
  Shell("gzip -k -6 " + plain, &ok);  // a header with the file's name and mtime
  ASSERT_TRUE(ok);
  for (size_t cap : {size_t{1} << 20, size_t{4096}, size_t{7}}) {
    Expected<std::string> got = ReadAll(plain + ".gz", cap);
    ASSERT_TRUE(got.ok()) << got.status().message();
    EXPECT_TRUE(*got == data) << "cap " << cap;
  }
}

TEST_F(GunzipStreamTest, ReadsEveryMemberOfABlockParallelStream) {
  std::string data = Data((5 << 20) + 123);
  std::string gz = ParallelGzipOf(data, 64 << 10);  // 81 members
  Expected<std::string> got = ReadAll(Put("multi.gz", gz), 1 << 20);
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_TRUE(*got == data);
  // gzip(1) reads the same stream as the same bytes.
  bool ok = false;
  EXPECT_EQ(Shell("gzip -dc " + dir_->path() + "/multi.gz | cmp - " + Put("want", data), &ok), "");
  EXPECT_TRUE(ok);
}

TEST_F(GunzipStreamTest, AnEmptyMemberGivesNothing) {
  Expected<std::string> got = ReadAll(Put("empty.gz", ParallelGzipOf("", 1 << 20)), 100);
  ASSERT_TRUE(got.ok()) << got.status().message();
  EXPECT_EQ(*got, "");
}

TEST_F(GunzipStreamTest, AWrongCrcIsAnError) {
  std::string gz = ParallelGzipOf(Data(100000), 1 << 20);
  gz[gz.size() - 8] ^= 1;  // the trailer's CRC-32
  Expected<std::string> got = ReadAll(Put("crc.gz", gz), 1 << 20);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().message(), "gzip: CRC-32 mismatch");
}

TEST_F(GunzipStreamTest, DataEndingInsideAMemberIsAnError) {
  std::string gz = ParallelGzipOf(Data(300000), 64 << 10);
  for (size_t keep : {gz.size() - 1, gz.size() / 2, size_t{5}}) {
    Expected<std::string> got = ReadAll(Put("cut.gz", gz.substr(0, keep)), 1 << 20);
    ASSERT_FALSE(got.ok()) << keep;
    EXPECT_EQ(got.status().message(), "gzip: data ends inside a member") << keep;
  }
}

TEST_F(GunzipStreamTest, BytesAfterTheLastMemberThatAreNotGzipAreAnError) {
  for (const std::string& tail : {std::string("garbage!"), std::string(4096, '\0')}) {
    std::string gz = ParallelGzipOf(Data(1000), 1 << 20) + tail;
    Expected<std::string> got = ReadAll(Put("tail.gz", gz), 1 << 20);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().message(), "gzip: bytes after the last member are not gzip data");
  }
}

TEST_F(GunzipStreamTest, ABadFirstHeaderIsAnError) {
  std::string gz = ParallelGzipOf(Data(1000), 1 << 20);
  gz[2] = 9;  // compression method: not deflate
  Expected<std::string> got = ReadAll(Put("method.gz", gz), 1 << 20);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().message(), "gzip: unsupported compression method");
}

TEST_F(GunzipStreamTest, CorruptDeflateDataIsAnError) {
  std::string gz = ParallelGzipOf(Data(200000), 1 << 20);
  for (size_t i = 20; i < 60; ++i) gz[i] = static_cast<char>(0xff);
  Expected<std::string> got = ReadAll(Put("bad.gz", gz), 1 << 20);
  ASSERT_FALSE(got.ok());
  EXPECT_TRUE(got.status().message().rfind("gzip: ", 0) == 0) << got.status().message();
}

}  // namespace
}  // namespace mybuild::oci
