#include "oci/tar_header_scan.h"

#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "oci/tar_stream.h"

namespace mybuild::oci {
namespace {

// One ustar header block for `name`, with `type` and `size`, checksummed.
std::string Header(const std::string& name, char type, size_t size) {
  std::string h(512, '\0');
  std::memcpy(&h[0], name.data(), std::min<size_t>(name.size(), 100));
  std::snprintf(&h[100], 8, "%07o", 0644);
  std::snprintf(&h[108], 8, "%07o", 0);
  std::snprintf(&h[116], 8, "%07o", 0);
  std::snprintf(&h[124], 12, "%011zo", size);
  std::snprintf(&h[136], 12, "%011o", 0);
  h[156] = type;
  std::memcpy(&h[257], "ustar\0" "00", 8);
  std::memset(&h[148], ' ', 8);
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  std::snprintf(&h[148], 8, "%06o", sum);
  return h;
}

std::string Padded(std::string content) {
  content.resize((content.size() + 511) / 512 * 512, '\0');
  return content;
}

// A PAX record "<len> key=value\n".
std::string Record(const std::string& key, const std::string& value) {
  std::string body = " " + key + "=" + value + "\n";
  size_t len = body.size() + 1;
  while (std::to_string(len).size() + body.size() != len) ++len;
  return std::to_string(len) + body;
}

std::string File(const std::string& name, const std::string& content) {
  return Header(name, '0', content.size()) + Padded(content);
}

std::string Pax(const std::string& records) {
  return Header("PaxHeader", 'x', records.size()) + Padded(records);
}

const std::string kEnd(1024, '\0');

Status ScanInPieces(const std::string& tar, size_t piece) {
  TarHeaderScan scan;
  for (size_t i = 0; i < tar.size(); i += piece) {
    Status st = scan.Feed(std::string_view(tar).substr(i, piece));
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

TEST(TarHeaderScanTest, RefusesNulInPaxPathsAndLongNamesWhereverTheBytesSplit) {
  const std::string nul_path = File("a", "x") + Pax(Record("path", std::string("safe\0../x", 9))) +
                               File("safe", "y") + kEnd;
  const std::string nul_link = Pax(Record("mtime", "1") + Record("linkpath", std::string("t\0u", 3))) +
                               Header("l", '2', 0) + kEnd;
  const std::string gnu = Header("././@LongLink", 'L', 6) + Padded(std::string("a\0b/c\0", 6)) +
                          File("x", "") + kEnd;
  for (size_t piece : {1, 7, 512, 100000}) {
    EXPECT_EQ(ScanInPieces(nul_path, piece).message(), "entry 2: PAX path holds a NUL byte");
    EXPECT_EQ(ScanInPieces(nul_link, piece).message(), "entry 1: PAX linkpath holds a NUL byte");
    EXPECT_EQ(ScanInPieces(gnu, piece).message(), "entry 1: GNU long name holds a NUL byte");
  }
}

TEST(TarHeaderScanTest, PassesOrdinaryArchivesAndStopsWhereItLosesTrack) {
  const std::string fine = Pax(Record("path", "long/name") + Record("SCHILY.xattr.a", std::string("\0\1", 2))) +
                           File("x", std::string(1000, 'z')) + Header("d", '5', 0) +
                           Header("././@LongLink", 'L', 4) + Padded(std::string("abc\0", 4)) +
                           File("y", "") + kEnd;
  EXPECT_TRUE(ScanInPieces(fine, 3).ok());
  // Garbage where a header should be: not the scan's to judge.
  std::string garbage = File("x", "1") + std::string(512, 'g') +
                        Pax(Record("path", std::string("a\0b", 3))) + kEnd;
  EXPECT_TRUE(ScanInPieces(garbage, 512).ok());
}

// The names a TarStream over `tar` yields, then "error: <message>" if it fails.
std::string ReadNames(const std::string& tar) {
  char path[] = "/tmp/tar_stream_testXXXXXX";
  int fd = ::mkstemp(path);
  ::unlink(path);
  if (fd < 0 || ::write(fd, tar.data(), tar.size()) != static_cast<ssize_t>(tar.size()) ||
      ::lseek(fd, 0, SEEK_SET) != 0) {
    return "setup failed";
  }
  std::string out;
  auto s = TarStream::Open(fd, false);
  if (!s.ok()) {
    ::close(fd);
    return "error: " + s.status().message();
  }
  archive_entry* e = nullptr;
  int rc;
  while ((rc = archive_read_next_header((*s)->tar(), &e)) == ARCHIVE_OK) {
    out += std::string(archive_entry_pathname(e)) + "\n";
  }
  if (rc != ARCHIVE_EOF) out += "error: " + std::string(archive_error_string((*s)->tar()));
  s->reset();
  ::close(fd);
  return out;
}

TEST(TarStreamTest, ANulInAPaxPathFailsTheReadAndOrdinaryTarsPass) {
  EXPECT_EQ(ReadNames(File("ok", "1") + Pax(Record("path", "long/name")) + File("x", "y") + kEnd),
            "ok\nlong/name\n");
  // libarchive reads ahead, so the scan may refuse before the entry before.
  std::string got = ReadNames(File("ok", "1") + Pax(Record("path", std::string("safe\0../x", 9))) +
                              File("safe", "y") + kEnd);
  EXPECT_NE(got.find("entry 2: PAX path holds a NUL byte"), std::string::npos) << got;
  EXPECT_EQ(got.find("safe"), std::string::npos) << got;
}

}  // namespace
}  // namespace mybuild::oci
