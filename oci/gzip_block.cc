#include "oci/gzip_block.h"

#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace mybuild::oci::internal {
namespace {

void PutLe32(std::string* s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s->push_back(static_cast<char>(v >> (8 * i)));
}

// Bytes `s` takes coded by byte frequencies alone (its order-0 entropy):
// what a Huffman-only block costs, give or take its code tables.
double EntropyBytes(std::string_view s) {
  std::array<size_t, 256> count{};
  for (unsigned char c : s) ++count[c];
  double bits = 0;
  for (size_t c : count) {
    if (c) bits += static_cast<double>(c) * std::log2(static_cast<double>(s.size()) / c);
  }
  return bits / 8;
}

}  // namespace

std::string GzipHeader(int level) {
  // zlib's deflate.c: XFL is 2 at level 9, 4 below level 2.
  char xfl = level == 9 ? 2 : level < 2 ? 4 : 0;
  return std::string({'\x1f', '\x8b', 8, 0, 0, 0, 0, 0, xfl, 3});
}

std::string GzipTrailer(uint32_t crc, uint64_t size) {
  std::string s;
  PutLe32(&s, crc);
  PutLe32(&s, static_cast<uint32_t>(size));
  return s;
}

uint32_t Crc32(uint32_t crc, std::string_view data) {
  return libdeflate_crc32(crc, data.data(), data.size());
}

void StoredBlocks(std::string_view input, std::string* out) {
  size_t at = 0;
  do {
    size_t n = std::min<size_t>(input.size() - at, 65535);
    bool last = at + n == input.size();
    // BFINAL, BTYPE 00, then padding to the byte: one byte.
    out->push_back(last ? 1 : 0);
    uint16_t len = static_cast<uint16_t>(n);
    out->push_back(static_cast<char>(len & 0xff));
    out->push_back(static_cast<char>(len >> 8));
    out->push_back(static_cast<char>(~len & 0xff));
    out->push_back(static_cast<char>((~len >> 8) & 0xff));
    out->append(input.substr(at, n));
    at += n;
  } while (at < input.size());
}

void BlockDeflater::Free::operator()(libdeflate_compressor* c) const {
  libdeflate_free_compressor(c);
}

void BlockDeflater::FreeZ::operator()(z_stream* z) const {
  deflateEnd(z);
  delete z;
}

Expected<BlockDeflater> BlockDeflater::Create(int level) {
  if (level < 1 || level > 9) {
    return InvalidArgument("gzip level " + std::to_string(level) +
                           " is not between 1 and 9");
  }
  BlockDeflater d;
  d.level_ = level;
  d.zs_.reset(libdeflate_alloc_compressor(level));
  d.probe_.reset(libdeflate_alloc_compressor(1));
  if (!d.zs_ || !d.probe_) return Internal("libdeflate_alloc_compressor failed");
  // Raw deflate (no zlib wrapper), 32 KiB window, Huffman codes only;
  // memLevel 9: blocks of 64 Ki symbols, whose tables cost less.
  auto* z = new z_stream{};
  if (deflateInit2(z, 1, Z_DEFLATED, -15, 9, Z_HUFFMAN_ONLY) != Z_OK) {
    delete z;
    return Internal("deflateInit2 failed");
  }
  d.huffman_.reset(z);
  return d;
}

BlockDeflater::BlockDeflater(BlockDeflater&&) noexcept = default;
BlockDeflater& BlockDeflater::operator=(BlockDeflater&&) noexcept = default;
BlockDeflater::~BlockDeflater() = default;

BlockDeflater::Coding BlockDeflater::Probe(std::string_view input) {
  if (input.size() < kProbes * kProbeSize) return Coding::kDeflate;
  probe_out_.resize(libdeflate_deflate_compress_bound(probe_.get(), kProbeSize));
  bool shrinks = false;
  double lz = 0, entropy = 0;
  for (size_t i = 0; i < kProbes; ++i) {
    std::string_view slice = input.substr(input.size() / kProbes * i, kProbeSize);
    size_t n = libdeflate_deflate_compress(probe_.get(), slice.data(), slice.size(),
                                           probe_out_.data(), probe_out_.size());
    if (n < kProbeSize * 97 / 100) shrinks = true;
    lz += static_cast<double>(n);
    entropy += EntropyBytes(slice);
  }
  if (!shrinks) return Coding::kStored;
  // Matches buy under 2 % over byte frequencies (base64, hex dumps, some
  // packed data): the Huffman codes are all there is to gain.
  return lz >= 0.98 * entropy ? Coding::kHuffman : Coding::kDeflate;
}

Status BlockDeflater::HuffmanOnly(std::string_view input, std::string* out) {
  z_stream* z = huffman_.get();
  if (deflateReset(z) != Z_OK) return Internal("deflateReset failed");
  size_t used = out->size();
  size_t room = deflateBound(z, input.size());
  out->resize(used + room);
  z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  z->avail_in = static_cast<uInt>(input.size());
  z->next_out = reinterpret_cast<Bytef*>(out->data() + used);
  z->avail_out = static_cast<uInt>(room);
  if (deflate(z, Z_FINISH) != Z_STREAM_END) return Internal("deflate: output over its bound");
  out->resize(used + room - z->avail_out);
  return Status::Ok();
}

Status BlockDeflater::Deflate(std::string_view input, std::string* out) {
  if (input.size() > (1u << 30)) return Internal("deflate block over 1 GiB");
  *out += GzipHeader(level_);
  Coding coding = Probe(input);
  if (coding == Coding::kHuffman) {
    RETURN_IF_ERROR(HuffmanOnly(input, out));
  } else if (coding == Coding::kDeflate) {
    size_t used = out->size();
    size_t room = libdeflate_deflate_compress_bound(zs_.get(), input.size());
    out->resize(used + room);
    size_t n = libdeflate_deflate_compress(zs_.get(), input.data(), input.size(),
                                           out->data() + used, room);
    if (n == 0) return Internal("libdeflate_deflate_compress: output over its bound");
    out->resize(used + n);
  } else {
    StoredBlocks(input, out);
  }
  *out += GzipTrailer(Crc32(0, input), input.size());
  return Status::Ok();
}

}  // namespace mybuild::oci::internal
