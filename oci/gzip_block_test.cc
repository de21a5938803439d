#include "oci/gzip_block.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace mybuild::oci::internal {
namespace {

// zlib's own stream for `data`: windowBits 15 (+16 for the gzip wrapper,
// or negated for raw deflate), memLevel 8, one Z_FINISH.
std::string Zlib(const std::string& data, int level, int window_bits) {
  z_stream zs{};
  EXPECT_EQ(
      deflateInit2(&zs, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY),
      Z_OK);
  std::string out(deflateBound(&zs, data.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = data.size();
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = out.size();
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// Raw inflate of a whole deflate stream; "" unless it ends exactly there.
std::string Inflate(const std::string& raw) {
  z_stream zs{};
  inflateInit2(&zs, -15);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
  zs.avail_in = raw.size();
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = out.size();
  int rc = inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  bool whole = rc == Z_STREAM_END && zs.avail_in == 0;
  inflateEnd(&zs);
  return whole ? out : "";
}

std::string Text(int n) {
  std::string s;
  for (int i = 0; i < n; ++i)
    s += "line " + std::to_string(i % 97) + " of the layer\n";
  return s;
}

// Bytes deflate cannot shrink on their own.
std::string Noise(size_t n) {
  std::string s;
  uint32_t x = 1;
  while (s.size() < n) {
    x = x * 1103515245u + 12345u;
    s.push_back(static_cast<char>(x >> 23));
  }
  return s;
}

std::string Deflate(BlockDeflater& d, const std::string& dict,
                    const std::string& in, bool last) {
  std::string out;
  EXPECT_TRUE(d.Deflate(dict, in, last, &out).ok());
  return out;
}

TEST(GzipBlockTest, HeaderAndTrailerBytes) {
  EXPECT_EQ(GzipHeader(6), std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03", 10));
  EXPECT_EQ(GzipHeader(9), std::string("\x1f\x8b\x08\0\0\0\0\0\x02\x03", 10));
  EXPECT_EQ(GzipHeader(1), std::string("\x1f\x8b\x08\0\0\0\0\0\x04\x03", 10));
  EXPECT_EQ(GzipTrailer(0x12345678, 0x100000005ull),
            std::string("\x78\x56\x34\x12\x05\0\0\0", 8));
}

TEST(GzipBlockTest, OneLastBlockIsZlibsStream) {
  std::string text = Text(2000);
  for (int level : {1, 6, 9}) {
    auto d = BlockDeflater::Create(level);
    ASSERT_TRUE(d.ok());
    std::string block = Deflate(*d, "", text, true);
    EXPECT_EQ(block, Zlib(text, level, -15)) << level;
    uint32_t crc =
        crc32(0, reinterpret_cast<const Bytef*>(text.data()), text.size());
    EXPECT_EQ(GzipHeader(level) + block + GzipTrailer(crc, text.size()),
              Zlib(text, level, 15 + 16))
        << level;
  }
}

TEST(GzipBlockTest, BlocksChainThroughTheDictionary) {
  auto d = BlockDeflater::Create(6);
  ASSERT_TRUE(d.ok());
  std::string a = Noise(40000), b = a.substr(30000);  // b repeats a's tail
  std::string dict = a.substr(a.size() - kGzipDictionarySize);
  std::string first = Deflate(*d, "", a, false);
  std::string second = Deflate(*d, dict, b, true);
  // A sync flush ends on an empty stored block.
  EXPECT_EQ(first.substr(first.size() - 4), std::string("\0\0\xff\xff", 4));
  EXPECT_EQ(Inflate(first + second), a + b);
  // The dictionary is what lets `second` point back into `a`.
  EXPECT_LT(second.size(), 100u);
  EXPECT_GT(Deflate(*d, "", b, true).size(), b.size());
  // A reused deflater gives the same bytes as a fresh one.
  auto fresh = BlockDeflater::Create(6);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(Deflate(*fresh, dict, b, true), second);
}

TEST(GzipBlockTest, IncompressibleBlocksAreStored) {
  auto d = BlockDeflater::Create(6);
  ASSERT_TRUE(d.ok());
  std::string noise = Noise(1 << 20);
  std::string out = Deflate(*d, "", noise, true);
  // Exactly zlib's level 0: stored blocks, no search for matches.
  EXPECT_EQ(out, Zlib(noise, 0, -15));
  EXPECT_EQ(Inflate(out), noise);
}

TEST(GzipBlockTest, OneCompressibleProbeDeflatesTheWholeBlock) {
  auto d = BlockDeflater::Create(6);
  ASSERT_TRUE(d.ok());
  std::string in = Noise(1 << 20);
  std::string text = Text(400).substr(0, 12000);
  in.replace(in.size() / BlockDeflater::kProbes * 3, text.size(), text);
  std::string out = Deflate(*d, "", in, true);
  EXPECT_EQ(out, Zlib(in, 6, -15));
  EXPECT_LT(out.size(), Zlib(in, 0, -15).size());
}

TEST(GzipBlockTest, EmptyBlocks) {
  auto d = BlockDeflater::Create(6);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(Deflate(*d, "", "", true), std::string("\x03\x00", 2));
  EXPECT_EQ(Deflate(*d, "x", "", false),
            std::string("\x00\x00\x00\xff\xff", 5));
}

TEST(GzipBlockTest, RejectsLevels) {
  EXPECT_EQ(BlockDeflater::Create(0).status().message(),
            "gzip level 0 is not between 1 and 9");
  EXPECT_EQ(BlockDeflater::Create(10).status().message(),
            "gzip level 10 is not between 1 and 9");
}

}  // namespace
}  // namespace mybuild::oci::internal
