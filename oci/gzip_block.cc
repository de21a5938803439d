#include "oci/gzip_block.h"

#include <libdeflate.h>

#include <algorithm>

namespace mybuild::oci::internal {
namespace {

void PutLe32(std::string* s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s->push_back(static_cast<char>(v >> (8 * i)));
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
  return d;
}

BlockDeflater::BlockDeflater(BlockDeflater&&) noexcept = default;
BlockDeflater& BlockDeflater::operator=(BlockDeflater&&) noexcept = default;
BlockDeflater::~BlockDeflater() = default;

bool BlockDeflater::Shrinks(std::string_view input) {
  if (input.size() < kProbes * kProbeSize) return true;
  // libdeflate returns 0 when the output does not fit: then the slice did
  // not shrink by 3 %.
  probe_out_.resize(kProbeSize * 97 / 100);
  for (size_t i = 0; i < kProbes; ++i) {
    size_t at = input.size() / kProbes * i;
    if (libdeflate_deflate_compress(probe_.get(), input.data() + at, kProbeSize,
                                    probe_out_.data(), probe_out_.size()) != 0) {
      return true;
    }
  }
  return false;
}

Status BlockDeflater::Deflate(std::string_view input, std::string* out) {
  if (input.size() > (1u << 30)) return Internal("deflate block over 1 GiB");
  *out += GzipHeader(level_);
  if (Shrinks(input)) {
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
