#include "oci/blob_sink.h"

#include <zlib.h>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"

namespace mybuild::oci {
namespace {

std::string Gunzip(const std::string& gz) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = gz.size();
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = out.size();
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

TEST(BlobSinkTest, GzipHashesBothSides) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string path = dir->path() + "/blob";
  auto sink = BlobSink::Create(path, 6);
  ASSERT_TRUE(sink.ok());
  std::string data;
  for (int i = 0; i < 20000; ++i) data += std::to_string(i) + ",";
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
  EXPECT_EQ(gz.substr(0, 10), std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10));
  EXPECT_EQ(Gunzip(gz), data);
  EXPECT_EQ(sink->Finish().status().message(), "BlobSink::Finish called twice");
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

TEST(BlobSinkTest, CreateNamesPath) {
  EXPECT_EQ(BlobSink::Create("/nonexistent/dir/blob", 6).status().message(),
            "open \"/nonexistent/dir/blob\": No such file or directory");
}

}  // namespace
}  // namespace mybuild::oci
