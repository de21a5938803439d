#include "export/tar_writer.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <random>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::exporter {
namespace {

std::string Random(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

la_ssize_t Collect(struct archive*, void* out, const void* data, size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
  return static_cast<la_ssize_t>(size);
}

// The same entries written all through libarchive, as TarWriter did before
// large files went past it: the bytes TarWriter must still give.
std::string Reference(const std::vector<std::pair<std::string, std::string>>& files) {
  std::string out;
  struct archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_set_bytes_per_block(a, 1 << 20);
  archive_write_set_bytes_in_last_block(a, 1);
  EXPECT_EQ(archive_write_open2(a, &out, nullptr, Collect, nullptr, nullptr), ARCHIVE_OK);
  struct archive_entry* d = archive_entry_new();
  archive_entry_set_pathname(d, "blobs");
  archive_entry_set_filetype(d, AE_IFDIR);
  archive_entry_set_perm(d, 0755);
  archive_entry_set_mtime(d, 0, 0);
  EXPECT_EQ(archive_write_header(a, d), ARCHIVE_OK);
  archive_entry_free(d);
  for (const auto& [name, data] : files) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_mtime(e, 0, 0);
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    EXPECT_EQ(archive_write_header(a, e), ARCHIVE_OK);
    EXPECT_EQ(archive_write_data(a, data.data(), data.size()),
              static_cast<la_ssize_t>(data.size()));
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

class TarWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    // Small ones through libarchive, large ones (a long name too: a pax
    // header first) copied past it, in turns.
    files_ = {{"blobs/small", "abc"},
              {"blobs/large", Random(3 << 20, 1)},
              {"blobs/" + std::string(120, 'n'), Random((1 << 20) + 7, 2)},
              {"blobs/mid", Random(100000, 3)},
              {"blobs/last", Random(300000, 4)}};
    for (size_t i = 0; i < files_.size(); ++i) {
      ASSERT_TRUE(WriteFileAtomic(Source(i), files_[i].second).ok());
    }
  }

  std::string Source(size_t i) const { return dir_->path() + "/src" + std::to_string(i); }

  void WriteAll(TarWriter& tar) {
    ASSERT_TRUE(tar.AddDir("blobs").ok());
    for (size_t i = 0; i < files_.size(); ++i) {
      if (i == 0) {
        ASSERT_TRUE(tar.AddBytes(files_[i].first, files_[i].second).ok());
      } else {
        Status st = tar.AddFile(files_[i].first, Source(i));
        ASSERT_TRUE(st.ok()) << st.message();
      }
    }
    ASSERT_TRUE(tar.Finish().ok());
  }

  std::unique_ptr<TempDir> dir_;
  std::vector<std::pair<std::string, std::string>> files_;
};

// What libarchive reads back: (name, content) of each regular file.
std::vector<std::pair<std::string, std::string>> ReadBack(const std::string& archive) {
  std::vector<std::pair<std::string, std::string>> out;
  struct archive* a = archive_read_new();
  archive_read_support_format_tar(a);
  EXPECT_EQ(archive_read_open_memory(a, archive.data(), archive.size()), ARCHIVE_OK);
  struct archive_entry* e;
  while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
    if (archive_entry_filetype(e) != AE_IFREG) continue;
    std::string data(static_cast<size_t>(archive_entry_size(e)), '\0');
    EXPECT_EQ(archive_read_data(a, data.data(), data.size()),
              static_cast<la_ssize_t>(data.size()));
    out.push_back({archive_entry_pathname(e), data});
  }
  archive_read_free(a);
  return out;
}

// Large files are copied past libarchive, each starting at a multiple of
// 64 KiB (after a pax header holding only a padding comment, where its own
// header is plain ustar); every reader sees the same entries as if
// libarchive had written them all.
TEST_F(TarWriterTest, LargeFilesStartAt64KiBAndReadBackAsWritten) {
  const std::string dest = dir_->path() + "/out.tar";
  auto tar = TarWriter::Create(dest);
  ASSERT_TRUE(tar.ok());
  WriteAll(**tar);
  EXPECT_NE(::access((dest + ".tmp").c_str(), F_OK), 0);
  std::string bytes = *ReadFile(dest);
  EXPECT_EQ(ReadBack(bytes), files_);
  EXPECT_EQ(ReadBack(Reference(files_)), files_);
  // blobs/large (plain ustar header): aligned; the long-named one has
  // libarchive's own pax header and is not padded.
  EXPECT_EQ(bytes.find(files_[1].second) % (64 << 10), 0u);
  EXPECT_EQ(bytes.find(files_[4].second) % (64 << 10), 0u);
  EXPECT_EQ(bytes.size() % 512, 0u);
  // GNU tar lists no padding entry and extracts the same bytes.
  auto list = std::system(("tar -tf " + dest + " > " + dir_->path() + "/list").c_str());
  ASSERT_EQ(list, 0);
  EXPECT_EQ(*ReadFile(dir_->path() + "/list"),
            "blobs/\nblobs/small\nblobs/large\n" + files_[2].first +
                "\nblobs/mid\nblobs/last\n");
}

// An archive without large files is libarchive's, byte for byte.
TEST_F(TarWriterTest, SmallFilesAreLibarchivesBytes) {
  files_ = {{"blobs/small", "abc"}, {"blobs/mid", Random(100000, 3)}};
  for (size_t i = 0; i < files_.size(); ++i) {
    ASSERT_TRUE(WriteFileAtomic(Source(i), files_[i].second).ok());
  }
  const std::string dest = dir_->path() + "/small.tar";
  auto tar = TarWriter::Create(dest);
  ASSERT_TRUE(tar.ok());
  WriteAll(**tar);
  EXPECT_EQ(*ReadFile(dest), Reference(files_));
}

TEST_F(TarWriterTest, ToAPipeTheSameBytes) {
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  const std::string dest = dir_->path() + "/piped.tar";
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {  // cat: drains the pipe into a file
    ::close(p[1]);
    int out = ::open(dest.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char buf[65536];
    ssize_t n;
    while ((n = ::read(p[0], buf, sizeof buf)) > 0) (void)!::write(out, buf, n);
    ::_exit(0);
  }
  ::close(p[0]);
  int saved = ::dup(STDOUT_FILENO);
  ::dup2(p[1], STDOUT_FILENO);
  ::close(p[1]);
  {
    auto tar = TarWriter::Create("-");
    ASSERT_TRUE(tar.ok());
    WriteAll(**tar);
  }
  ::dup2(saved, STDOUT_FILENO);
  ::close(saved);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  const std::string file = dir_->path() + "/file.tar";
  auto tar = TarWriter::Create(file);
  ASSERT_TRUE(tar.ok());
  WriteAll(**tar);
  EXPECT_EQ(*ReadFile(dest), *ReadFile(file));
}

TEST_F(TarWriterTest, AFileShorterThanItsEntryFails) {
  auto tar = TarWriter::Create(dir_->path() + "/short.tar");
  ASSERT_TRUE(tar.ok());
  struct archive_entry* e = archive_entry_new();
  archive_entry_set_pathname(e, "f");
  archive_entry_set_filetype(e, AE_IFREG);
  archive_entry_set_perm(e, 0644);
  archive_entry_set_size(e, 1 << 20);
  Status st = (*tar)->AddEntry(e, Source(4));  // 300,000 bytes
  archive_entry_free(e);
  EXPECT_EQ(st.message(), "\"" + Source(4) + "\" got shorter while being archived");
}

}  // namespace
}  // namespace mybuild::exporter
