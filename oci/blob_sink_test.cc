#include "oci/blob_sink.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <sstream>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "base/testing/shell.h"

namespace mybuild::oci {
namespace {

using mybuild::testing::Shell;

std::string Gunzip(const std::string& gz) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = gz.size();
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = out.size();
  int rc;
  while ((rc = inflate(&zs, Z_FINISH)) == Z_STREAM_END && zs.avail_in > 0) {
    inflateReset(&zs);  // the next member
  }
  EXPECT_EQ(rc, Z_STREAM_END);
  out.resize(out.size() - zs.avail_out);
  inflateEnd(&zs);
  return out;
}

std::string NumbersText() {
  std::string data;
  for (int i = 0; i < 20000; ++i) data += std::to_string(i) + ",";
  return data;
}

TEST(BlobSinkTest, GzipHashesBothSides) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string path = dir->path() + "/blob";
  auto sink = BlobSink::Create(path, 6);
  ASSERT_TRUE(sink.ok());
  std::string data = NumbersText();
  ASSERT_TRUE(sink->Write(data.data(), 1000).ok());
  ASSERT_TRUE(sink->Write(data.data() + 1000, data.size() - 1000).ok());
  auto blob = sink->Finish();
  ASSERT_TRUE(blob.ok()) << blob.status().message();
  std::string gz = *ReadFile(path);
  EXPECT_EQ(blob->digest.str(), "sha256:" + Sha256Hex(gz));
  EXPECT_EQ(blob->size, static_cast<int64_t>(gz.size()));
  EXPECT_EQ(blob->diff_id.str(), "sha256:" + Sha256Hex(data));
  EXPECT_EQ(blob->tar_size, static_cast<int64_t>(data.size()));
  EXPECT_EQ(blob->media_type, "application/vnd.oci.image.layer.v1.tar+gzip");
  // Header: magic, deflate, no flags (no name), mtime 0, OS unix.
  EXPECT_EQ(gz.substr(0, 10),
            std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10));
  EXPECT_EQ(Gunzip(gz), data);
  EXPECT_EQ(sink->Finish().status().message(), "BlobSink::Finish called twice");
}

TEST(BlobSinkTest, AVouchedForTarIsReportedNotHashed) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string data(5000, 'x');
  // A digest the data does not have: it is reported as given, so nothing
  // hashed the tar.
  const Digest vouched = Digest::Of("the caller's");
  for (int level : {6, 0}) {
    auto sink = BlobSink::Create(dir->path() + "/blob" + std::to_string(level), level);
    ASSERT_TRUE(sink.ok());
    sink->TrustTar(vouched);
    ASSERT_TRUE(sink->Write(data.data(), data.size()).ok());
    auto blob = sink->Finish();
    ASSERT_TRUE(blob.ok()) << blob.status().message();
    EXPECT_EQ(blob->diff_id, vouched);
    EXPECT_EQ(blob->tar_size, 5000);
    if (level == 6) {
      EXPECT_EQ(blob->digest.str(), "sha256:" + Sha256Hex(*ReadFile(blob->path)));
      EXPECT_EQ(Gunzip(*ReadFile(blob->path)), data);
    } else {
      EXPECT_EQ(blob->digest, vouched);  // the blob is the tar
    }
  }
}

TEST(BlobSinkTest, Uncompressed) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  auto sink = BlobSink::Create(dir->path() + "/blob", 0);
  ASSERT_TRUE(sink.ok());
  ASSERT_TRUE(sink->Write("abc", 3).ok());
  auto blob = sink->Finish();
  ASSERT_TRUE(blob.ok());
  EXPECT_EQ(blob->digest, blob->diff_id);
  EXPECT_EQ(blob->digest.str(), "sha256:" + Sha256Hex("abc"));
  EXPECT_EQ(blob->media_type, "application/vnd.oci.image.layer.v1.tar");
  EXPECT_EQ(blob->ToDescriptor().ToJson(),
            "{\"digest\":\"" + blob->digest.str() +
                "\",\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
                "\"size\":3}");
}

TEST(BlobSinkTest, AnEmptyPathOnlyCounts) {
  std::string data = NumbersText();
  auto counted = BlobSink::Create("", 6, 2);
  ASSERT_TRUE(counted.ok());
  ASSERT_TRUE(counted->Write(data.data(), data.size()).ok());
  auto only = counted->Finish();
  ASSERT_TRUE(only.ok()) << only.status().message();
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  auto written = BlobSink::Create(dir->path() + "/blob", 6, 2);
  ASSERT_TRUE(written.ok());
  ASSERT_TRUE(written->Write(data.data(), data.size()).ok());
  auto full = written->Finish();
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(only->path, "");
  EXPECT_EQ(only->digest, full->digest);
  EXPECT_EQ(only->size, full->size);
  EXPECT_EQ(only->diff_id, full->diff_id);
  EXPECT_EQ(only->tar_size, static_cast<int64_t>(data.size()));
  EXPECT_NE(only->digest, only->diff_id);
}

// Five and a half 1 MiB blocks of text and noise.
std::string LargeInput() {
  std::string s;
  uint32_t x = 3;
  while (s.size() < 5800000) {
    s += "usr/share/doc/package-" + std::to_string(s.size() % 4099) +
         "/README\n";
    for (int i = 0; i < 64; ++i) {
      x = x * 1103515245u + 12345u;
      s.push_back(static_cast<char>(x >> 23));
    }
  }
  return s;
}

Expected<LayerBlob> WriteBlob(const std::string& path, const std::string& data,
                              int threads) {
  ASSIGN_OR_RETURN(BlobSink sink, BlobSink::Create(path, 6, threads));
  for (size_t off = 0; off < data.size(); off += 100000) {
    RETURN_IF_ERROR(sink.Write(data.data() + off,
                               std::min<size_t>(100000, data.size() - off)));
  }
  return sink.Finish();
}

TEST(BlobSinkTest, ThreadsDoNotChangeTheBytes) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string data = LargeInput();
  auto one = WriteBlob(dir->path() + "/one", data, 1);
  auto four = WriteBlob(dir->path() + "/four", data, 4);
  ASSERT_TRUE(one.ok() && four.ok());
  std::string gz = *ReadFile(one->path);
  EXPECT_EQ(*ReadFile(four->path), gz);
  EXPECT_EQ(four->digest, one->digest);
  EXPECT_EQ(one->digest.str(), "sha256:" + Sha256Hex(gz));
  EXPECT_EQ(one->size, static_cast<int64_t>(gz.size()));
  EXPECT_EQ(one->diff_id.str(), "sha256:" + Sha256Hex(data));
  EXPECT_EQ(four->diff_id, one->diff_id);
  EXPECT_EQ(four->tar_size, static_cast<int64_t>(data.size()));
  // gzip(1) reads all its members and restores every byte.
  bool ok = false;
  Shell("gzip -t " + one->path, &ok);
  EXPECT_TRUE(ok);
  EXPECT_EQ(Shell("gzip -dc " + one->path, &ok), data);
  EXPECT_TRUE(ok);
  // One member a 1 MiB block (`gzip -l` would read only the last one's
  // trailer): the second starts right after the first's trailer.
  ASSERT_GT(data.size(), size_t{1} << 20);
  const std::string header("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
  EXPECT_EQ(gz.substr(0, 10), header);
  size_t second = gz.find(header, 10);
  ASSERT_NE(second, std::string::npos);
  EXPECT_EQ(Shell("head -c " + std::to_string(second) + " " + one->path + " | gzip -dc", &ok),
            data.substr(0, 1 << 20));
  EXPECT_TRUE(ok);
}

TEST(BlobSinkTest, RejectsLevels) {
  EXPECT_EQ(BlobSink::Create("/tmp/unused", 10).status().message(),
            "gzip level 10 is not between 0 and 9");
}

TEST(BlobSinkTest, CreateNamesPath) {
  EXPECT_EQ(BlobSink::Create("/nonexistent/dir/blob", 6).status().message(),
            "open \"/nonexistent/dir/blob\": No such file or directory");
}

}  // namespace
}  // namespace mybuild::oci
