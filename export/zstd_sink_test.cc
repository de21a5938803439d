#include "export/zstd_sink.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <vector>

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

// Several of libzstd's 8 MiB jobs (level 3), some of them incompressible
// (raw blocks), some not: one, two and three workers, and the output
// written in many small pieces, give one frame, byte for byte. Layer
// digests rest on this: an export's blob is the same whatever the machine's
// core count.
TEST(ZstdSinkTest, TheWorkerCountChangesNoByteAcrossJobs) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::mt19937 rng(11);
  std::string data;
  for (int part = 0; part < 5; ++part) {
    for (int i = 0; i < 5 << 20; ++i) {
      data.push_back(static_cast<char>(part % 2 == 0 ? rng() : 'a' + rng() % 4));
    }
  }
  oci::LayerBlob one = Write(dir->path() + "/one.zst", data, 1);
  oci::LayerBlob two = Write(dir->path() + "/two.zst", data, 2);
  oci::LayerBlob three = Write(dir->path() + "/three.zst", data, 3);
  EXPECT_EQ(one.digest, two.digest);
  EXPECT_EQ(one.digest, three.digest);
  EXPECT_EQ(ReadFile(one.path).value(), ReadFile(two.path).value());
  EXPECT_EQ(one.digest.str(), "sha256:" + Sha256Hex(ReadFile(one.path).value()));
  EXPECT_EQ(one.size, static_cast<int64_t>(ReadFile(one.path).value().size()));
  auto sink = ZstdSink::Create(dir->path() + "/small.zst", 3, 2);
  ASSERT_TRUE(sink.ok());
  for (size_t at = 0; at < data.size(); at += 4099) {
    ASSERT_TRUE((*sink)->Write(data.data() + at, std::min<size_t>(4099, data.size() - at)).ok());
  }
  auto small = (*sink)->Finish();
  ASSERT_TRUE(small.ok()) << small.status().message();
  EXPECT_EQ(small->digest, one.digest);
  ASSERT_EQ(std::system(("zstd -d -q " + one.path + " -o " + dir->path() + "/out").c_str()), 0);
  EXPECT_EQ(ReadFile(dir->path() + "/out").value(), data);
}

// Incompressible stretches (8 MiB runs of random 128 KiB blocks, and 1 MiB
// or more ending the input) are stored as raw frames, the rest (runs too
// short among them) compressed by libzstd: the blob is barely larger
// than the random bytes, zstd reads it back as one stream, and the worker
// count still changes nothing. An input of random bytes only, too.
TEST(ZstdSinkTest, IncompressibleSegmentsAreStoredRaw) {
  auto dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::mt19937 rng(5);
  std::string random(20 << 20, '\0'), text;
  for (char& c : random) c = static_cast<char>(rng());
  for (int i = 0; text.size() < (3u << 20); ++i) text += "line " + std::to_string(i) + "\n";
  const std::string mixed = text + random + text.substr(0, 1000) + random.substr(0, 9 << 20);
  for (const std::string* data : std::vector<const std::string*>{&mixed, &random}) {
    oci::LayerBlob one = Write(dir->path() + "/one.zst", *data, 1);
    oci::LayerBlob two = Write(dir->path() + "/two.zst", *data, 2);
    EXPECT_EQ(one.digest, two.digest);
    EXPECT_EQ(one.digest.str(), "sha256:" + Sha256Hex(ReadFile(one.path).value()));
    EXPECT_EQ(one.diff_id.str(), "sha256:" + Sha256Hex(*data));
    std::string blob = ReadFile(one.path).value();
    EXPECT_EQ(blob.substr(0, 4), "\x28\xb5\x2f\xfd");
    // The random part costs its size and 3 bytes a 128 KiB block.
    size_t random_bytes = data == &random ? random.size() : random.size() + (9 << 20);
    EXPECT_LT(blob.size(), random_bytes + random_bytes / 1000 + (data == &random ? 0 : 400000));
    ASSERT_EQ(std::system(("zstd -d -q -f " + one.path + " -o " + dir->path() + "/out").c_str()),
              0);
    EXPECT_TRUE(ReadFile(dir->path() + "/out").value() == *data);
  }
  // Random bytes alone are raw frames only: a frame header (6 bytes) per
  // 8 MiB run (the last one 4 MiB) and a block header (3 bytes) per 128 KiB
  // block; given in odd pieces, the same bytes.
  oci::LayerBlob raw = Write(dir->path() + "/raw.zst", random, 2);
  EXPECT_EQ(raw.size, static_cast<int64_t>(random.size() + 3 * 6 + 3 * (random.size() >> 17)));
  auto sink = ZstdSink::Create(dir->path() + "/pieces.zst", 3, 2);
  ASSERT_TRUE(sink.ok());
  for (size_t at = 0; at < random.size(); at += 300001) {
    ASSERT_TRUE((*sink)->Write(random.data() + at, std::min<size_t>(300001, random.size() - at)).ok());
  }
  auto pieces = (*sink)->Finish();
  ASSERT_TRUE(pieces.ok()) << pieces.status().message();
  EXPECT_EQ(pieces->digest, raw.digest);
  // A short random run between text goes to libzstd: one frame, as zstd's.
  const std::string short_run = text + random.substr(0, 2 << 20) + text;
  oci::LayerBlob framed = Write(dir->path() + "/short.zst", short_run, 2);
  std::string one_frame = ReadFile(framed.path).value();
  EXPECT_EQ(one_frame.find("\x28\xb5\x2f\xfd", 4), std::string::npos);
  ASSERT_EQ(std::system(("zstd -d -q -f " + framed.path + " -o " + dir->path() + "/out").c_str()), 0);
  EXPECT_TRUE(ReadFile(dir->path() + "/out").value() == short_run);
}

// A write error (here: a full device) is reported by Finish or Write, and
// neither hangs with chunks still queued.
TEST(ZstdSinkTest, AWriteErrorIsReported) {
  auto sink = ZstdSink::Create("/dev/full", 1, 2);
  ASSERT_TRUE(sink.ok());
  std::mt19937 rng(3);
  std::string data;
  for (int i = 0; i < 20 << 20; ++i) data.push_back(static_cast<char>(rng()));
  Status st = (*sink)->Write(data.data(), data.size());
  if (st.ok()) st = (*sink)->Finish().status();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("/dev/full"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("No space left on device"), std::string::npos) << st.message();
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
