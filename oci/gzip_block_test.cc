#include "oci/gzip_block.h"

#include <gtest/gtest.h>
#include <libdeflate.h>
#include <zlib.h>

namespace mybuild::oci::internal {
namespace {

// zlib's gunzip of one member that must end exactly at the end of `gz`;
// "" if it does not.
std::string Gunzip(const std::string& gz) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  std::string out(2 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  zs.avail_in = gz.size();
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = out.size();
  int rc = inflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  bool whole = rc == Z_STREAM_END && zs.avail_in == 0;
  inflateEnd(&zs);
  return whole ? out : "";
}

// libdeflate's own raw deflate of `in` at `level`.
std::string Libdeflate(const std::string& in, int level) {
  libdeflate_compressor* c = libdeflate_alloc_compressor(level);
  std::string out(libdeflate_deflate_compress_bound(c, in.size()), '\0');
  out.resize(libdeflate_deflate_compress(c, in.data(), in.size(), out.data(), out.size()));
  libdeflate_free_compressor(c);
  return out;
}

uint32_t ZlibCrc(const std::string& s) {
  return crc32(0, reinterpret_cast<const Bytef*>(s.data()), s.size());
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

std::string Deflate(BlockDeflater& d, const std::string& in) {
  std::string out;
  EXPECT_TRUE(d.Deflate(in, &out).ok());
  return out;
}

TEST(GzipBlockTest, HeaderAndTrailerBytes) {
  EXPECT_EQ(GzipHeader(6), std::string("\x1f\x8b\x08\0\0\0\0\0\0\x03", 10));
  EXPECT_EQ(GzipHeader(9), std::string("\x1f\x8b\x08\0\0\0\0\0\x02\x03", 10));
  EXPECT_EQ(GzipHeader(1), std::string("\x1f\x8b\x08\0\0\0\0\0\x04\x03", 10));
  EXPECT_EQ(GzipTrailer(0x12345678, 0x100000005ull),
            std::string("\x78\x56\x34\x12\x05\0\0\0", 8));
}

TEST(GzipBlockTest, Crc32IsGzips) {
  std::string text = Text(3000);
  EXPECT_EQ(Crc32(0, text), ZlibCrc(text));
  EXPECT_EQ(Crc32(Crc32(0, text.substr(0, 100)), text.substr(100)), ZlibCrc(text));
  EXPECT_EQ(Crc32(0, ""), 0u);
}

TEST(GzipBlockTest, AMemberIsLibdeflatesDeflateInAGzipWrapper) {
  std::string text = Text(2000);
  for (int level : {1, 6, 9}) {
    auto d = BlockDeflater::Create(level);
    ASSERT_TRUE(d.ok());
    std::string member = Deflate(*d, text);
    EXPECT_EQ(member, GzipHeader(level) + Libdeflate(text, level) +
                          GzipTrailer(ZlibCrc(text), text.size()))
        << level;
    EXPECT_EQ(Gunzip(member), text) << level;
    EXPECT_LT(member.size(), text.size() / 5) << level;
  }
}

TEST(GzipBlockTest, AReusedDeflaterGivesTheSameBytes) {
  auto d = BlockDeflater::Create(6);
  ASSERT_TRUE(d.ok());
  std::string a = Text(3000), b = Noise(100000) + Text(500);
  std::string first = Deflate(*d, a);
  Deflate(*d, b);
  EXPECT_EQ(Deflate(*d, a), first);
  auto fresh = BlockDeflater::Create(6);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(Deflate(*fresh, b), Deflate(*d, b));
}

TEST(GzipBlockTest, IncompressibleBlocksAreStored) {
  auto d = BlockDeflater::Create(6);
  ASSERT_TRUE(d.ok());
  std::string noise = Noise(1 << 20);
  std::string out = Deflate(*d, noise);
  std::string stored;
  StoredBlocks(noise, &stored);
  EXPECT_EQ(out, GzipHeader(6) + stored + GzipTrailer(ZlibCrc(noise), noise.size()));
  // 17 blocks of at most 65,535 bytes, 5 bytes of header each.
  EXPECT_EQ(stored.size(), noise.size() + 17 * 5);
  EXPECT_EQ(Gunzip(out), noise);
}

TEST(GzipBlockTest, StoredBlockBytes) {
  std::string out;
  StoredBlocks("", &out);
  EXPECT_EQ(out, std::string("\x01\x00\x00\xff\xff", 5));
  out.clear();
  StoredBlocks("abc", &out);
  EXPECT_EQ(out, std::string("\x01\x03\x00\xfc\xff" "abc", 8));
  out.clear();
  std::string big(65536, 'x');
  StoredBlocks(big, &out);
  EXPECT_EQ(out, std::string("\x00\xff\xff\x00\x00", 5) + std::string(65535, 'x') +
                     std::string("\x01\x01\x00\xfe\xff" "x", 6));
}

TEST(GzipBlockTest, OneCompressibleProbeDeflatesTheWholeBlock) {
  auto d = BlockDeflater::Create(6);
  ASSERT_TRUE(d.ok());
  std::string in = Noise(1 << 20);
  std::string text = Text(400).substr(0, 12000);
  in.replace(in.size() / BlockDeflater::kProbes * 3, text.size(), text);
  std::string out = Deflate(*d, in);
  EXPECT_EQ(out, GzipHeader(6) + Libdeflate(in, 6) + GzipTrailer(ZlibCrc(in), in.size()));
  EXPECT_EQ(Gunzip(out), in);
}

// zlib's raw Huffman-only deflate of `in`, as BlockDeflater sets it up.
std::string ZlibHuffman(const std::string& in) {
  z_stream zs{};
  deflateInit2(&zs, 1, Z_DEFLATED, -15, 9, Z_HUFFMAN_ONLY);
  std::string out(deflateBound(&zs, in.size()), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = in.size();
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = out.size();
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST(GzipBlockTest, BytesWithoutRepeatsAreHuffmanCodedAsSmallAsDeflate) {
  // Base64 of noise: 6 bits a byte, no matches for deflate to find.
  const char* b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string in;
  for (char c : Noise(1 << 20)) in.push_back(b64[static_cast<unsigned char>(c) % 64]);
  auto d = BlockDeflater::Create(6);
  ASSERT_TRUE(d.ok());
  std::string out = Deflate(*d, in);
  EXPECT_EQ(out, GzipHeader(6) + ZlibHuffman(in) + GzipTrailer(ZlibCrc(in), in.size()));
  EXPECT_EQ(Gunzip(out), in);
  EXPECT_LT(out.size(), Libdeflate(in, 6).size() * 1005 / 1000);
  // Text with repeats is still deflated (AMemberIsLibdeflatesDeflate...).
  std::string text = Text(30000).substr(0, 1 << 20);
  EXPECT_EQ(Deflate(*d, text),
            GzipHeader(6) + Libdeflate(text, 6) + GzipTrailer(ZlibCrc(text), text.size()));
}

TEST(GzipBlockTest, AnEmptyBlockIsAnEmptyMember) {
  auto d = BlockDeflater::Create(6);
  ASSERT_TRUE(d.ok());
  std::string out = Deflate(*d, "");
  EXPECT_EQ(out, GzipHeader(6) + Libdeflate("", 6) + GzipTrailer(0, 0));
  EXPECT_EQ(out.size(), 23u);  // libdeflate ends an empty input with a stored block
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  char sink[16];
  zs.next_in = reinterpret_cast<Bytef*>(out.data());
  zs.avail_in = out.size();
  zs.next_out = reinterpret_cast<Bytef*>(sink);
  zs.avail_out = sizeof(sink);
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  EXPECT_EQ(zs.total_out, 0u);
  inflateEnd(&zs);
}

TEST(GzipBlockTest, RejectsLevels) {
  EXPECT_EQ(BlockDeflater::Create(0).status().message(),
            "gzip level 0 is not between 1 and 9");
  EXPECT_EQ(BlockDeflater::Create(10).status().message(),
            "gzip level 10 is not between 1 and 9");
}

}  // namespace
}  // namespace mybuild::oci::internal
