#include "export/zstd_sink.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"

namespace mybuild::exporter {
namespace {

std::string Data() {
  std::mt19937 rng(7);
  std::string s;
  for (int i = 0; i < 3 << 20; ++i) s.push_back(static_cast<char>('a' + rng() % 4));
  return s;
}

oci::LayerBlob Write(const std::string& path, const std::string& data, int workers) {
  auto sink = ZstdSink::Create(path, 3, workers);
  EXPECT_TRUE(sink.ok()) << sink.status().message();
  EXPECT_TRUE((*sink)->Write(data.data(), data.size()).ok());
  auto blob = (*sink)->Finish();
  EXPECT_TRUE(blob.ok()) << blob.status().message();
  return *blob;
}

TEST(ZstdSinkTest, HashesBothSidesAndZstdReadsItBack) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string data = Data();
  oci::LayerBlob one = Write(dir->path() + "/one.zst", data, 1);
  oci::LayerBlob two = Write(dir->path() + "/two.zst", data, 2);
  EXPECT_EQ(one.digest, two.digest);  // the thread count changes nothing
  EXPECT_EQ(one.diff_id.str(), "sha256:" + Sha256Hex(data));
  EXPECT_EQ(one.tar_size, static_cast<int64_t>(data.size()));
  EXPECT_EQ(one.digest.str(), "sha256:" + Sha256Hex(ReadFile(one.path).value()));
  EXPECT_EQ(one.media_type, "application/vnd.oci.image.layer.v1.tar+zstd");
  // Debian's zstd tool reads it.
  ASSERT_EQ(std::system(("zstd -d -q " + one.path + " -o " + dir->path() + "/out").c_str()), 0);
  EXPECT_EQ(ReadFile(dir->path() + "/out").value(), data);
}

TEST(ZstdSinkTest, AVouchedForTarIsReportedNotHashed) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string data = Data();
  auto sink = ZstdSink::Create(dir->path() + "/v.zst", 3, 2);
  ASSERT_TRUE(sink.ok());
  const oci::Digest vouched = oci::Digest::Of("the caller's");
  (*sink)->TrustTar(vouched);
  ASSERT_TRUE((*sink)->Write(data.data(), data.size()).ok());
  auto blob = (*sink)->Finish();
  ASSERT_TRUE(blob.ok()) << blob.status().message();
  EXPECT_EQ(blob->diff_id, vouched);
  EXPECT_EQ(blob->tar_size, static_cast<int64_t>(data.size()));
  EXPECT_EQ(blob->digest, Write(dir->path() + "/w.zst", data, 1).digest);
}

TEST(ZstdSinkTest, RefusesABadLevel) {
  auto sink = ZstdSink::Create("/nonexistent/x", 23);
  ASSERT_FALSE(sink.ok());
  EXPECT_EQ(sink.status().message(), "zstd level 23 is not 1-22");
}

}  // namespace
}  // namespace mybuild::exporter
