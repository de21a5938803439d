#include "frontend/dockerfile_reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <sstream>
#include <streambuf>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::frontend {
namespace {

// An endless stream repeating `pattern`: a reader that held the whole
// input first would never return.
class Endless : public std::streambuf {
 public:
  explicit Endless(std::string pattern) : chunk_(pattern) {
    while (chunk_.size() < 4096) chunk_ += pattern;
  }

 protected:
  int_type underflow() override {
    setg(chunk_.data(), chunk_.data(), chunk_.data() + chunk_.size());
    return traits_type::to_int_type(chunk_[0]);
  }

 private:
  std::string chunk_;
};

std::string ErrorOf(const Expected<std::string>& r) {
  return r.ok() ? "ok" : r.status().message();
}

TEST(DockerfileReaderTest, ReadsAFileWhole) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  const std::string path = dir->path() + "/Dockerfile";
  const std::string text = "\xEF\xBB\xBF" + std::string(65535, 'a') + "\nFROM a\r\n";
  ASSERT_TRUE(WriteFileAtomic(path, text).ok());
  Expected<std::string> read = ReadDockerfileFile(path, "Dockerfile");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, text);
  std::istringstream in(text);
  EXPECT_EQ(*ReadDockerfileStream(in, "Dockerfile"), text);
}

TEST(DockerfileReaderTest, ABigFileIsRefusedBeforeItIsRead) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  const std::string path = dir->path() + "/Dockerfile";
  {
    auto fd = OpenFile(path, O_WRONLY | O_CREAT);
    ASSERT_TRUE(fd.ok());
    ASSERT_EQ(::ftruncate(fd->get(), off_t{1} << 30), 0);  // sparse
  }
  EXPECT_EQ(ErrorOf(ReadDockerfileFile(path, "ctx/Dockerfile")),
            "ctx/Dockerfile: the file is 1073741824 bytes, over the 16 MiB "
            "limit for a Dockerfile");
  EXPECT_EQ(ErrorOf(ReadDockerfileFile(dir->path() + "/none", "x")),
            ReadFile(dir->path() + "/none").status().message());
}

TEST(DockerfileReaderTest, ALongLineIsRefusedWhileRead) {
  const std::string lines = "FROM a\n" + std::string(65535, 'a') + "\n";
  std::istringstream ok(lines);
  EXPECT_EQ(ErrorOf(ReadDockerfileStream(ok, "Dockerfile")), "ok");
  std::istringstream bom("\xEF\xBB\xBF" + std::string(65536, 'a'));
  EXPECT_EQ(ErrorOf(ReadDockerfileStream(bom, "Dockerfile")),
            "Dockerfile:1: dockerfile line greater than max allowed size of 65535");
  Endless line("RUN ");
  std::istream endless(&line);
  EXPECT_EQ(ErrorOf(ReadDockerfileStream(endless, "Dockerfile")),
            "Dockerfile:1: dockerfile line greater than max allowed size of 65535");
}

TEST(DockerfileReaderTest, AnEndlessStreamStopsAtTheSizeLimit) {
  Endless lines("RUN true\n");
  std::istream endless(&lines);
  EXPECT_EQ(ErrorOf(ReadDockerfileStream(endless, "Dockerfile")),
            "Dockerfile: the file is over the 16 MiB limit for a Dockerfile");
  std::istringstream exact(std::string(kMaxDockerfileBytes, '\n'));
  EXPECT_EQ(ErrorOf(ReadDockerfileStream(exact, "Dockerfile")), "ok");
}

}  // namespace
}  // namespace mybuild::frontend
