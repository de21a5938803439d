#include "oci/gzip_block.h"

namespace mybuild::oci::internal {
namespace {

void PutLe32(std::string* s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s->push_back(static_cast<char>(v >> (8 * i)));
}

const Bytef* Bytes(std::string_view s) {
  return reinterpret_cast<const Bytef*>(s.data());
}

}  // namespace

std::string GzipHeader(int level) {
  // deflate.c: XFL is 2 at level 9, 4 below level 2 (default strategy).
  char xfl = level == 9 ? 2 : level < 2 ? 4 : 0;
  return std::string({'\x1f', '\x8b', 8, 0, 0, 0, 0, 0, xfl, 3});
}

std::string GzipTrailer(uint32_t crc, uint64_t size) {
  std::string s;
  PutLe32(&s, crc);
  PutLe32(&s, static_cast<uint32_t>(size));
  return s;
}

Expected<BlockDeflater> BlockDeflater::Create(int level) {
  if (level < 1 || level > 9) {
    return InvalidArgument("gzip level " + std::to_string(level) +
                           " is not between 1 and 9");
  }
  BlockDeflater d;
  d.zs_ = std::make_unique<z_stream>();
  // windowBits -15: raw deflate; the caller writes the gzip wrapper.
  if (deflateInit2(d.zs_.get(), level, Z_DEFLATED, -15, 8,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    d.zs_.reset();
    return Internal("deflateInit2 failed");
  }
  return d;
}

BlockDeflater::BlockDeflater(BlockDeflater&&) noexcept = default;
BlockDeflater& BlockDeflater::operator=(BlockDeflater&& o) noexcept {
  if (this != &o) {
    if (zs_) deflateEnd(zs_.get());
    zs_ = std::move(o.zs_);
  }
  return *this;
}
BlockDeflater::~BlockDeflater() {
  if (zs_) deflateEnd(zs_.get());
}

Status BlockDeflater::Deflate(std::string_view dictionary,
                              std::string_view input, bool last,
                              std::string* out) {
  if (input.size() > (1u << 30)) return Internal("deflate block over 1 GiB");
  z_stream& zs = *zs_;
  if (deflateReset(&zs) != Z_OK) return Internal("deflateReset failed");
  if (!dictionary.empty() &&
      deflateSetDictionary(&zs, Bytes(dictionary),
                           static_cast<uInt>(dictionary.size())) != Z_OK) {
    return Internal("deflateSetDictionary failed");
  }
  zs.next_in = const_cast<Bytef*>(Bytes(input));
  zs.avail_in = static_cast<uInt>(input.size());
  int flush = last ? Z_FINISH : Z_SYNC_FLUSH;
  // deflateBound covers Z_FINISH; a sync flush adds at most 10 bytes.
  size_t room = deflateBound(&zs, static_cast<uLong>(input.size())) + 16;
  while (true) {
    size_t used = out->size();
    out->resize(used + room);
    zs.next_out = reinterpret_cast<Bytef*>(out->data() + used);
    zs.avail_out = static_cast<uInt>(room);
    int rc = deflate(&zs, flush);
    out->resize(out->size() - zs.avail_out);
    if (rc == Z_STREAM_ERROR) return Internal("deflate: stream error");
    bool done =
        last ? rc == Z_STREAM_END : zs.avail_in == 0 && zs.avail_out != 0;
    if (done) break;
    room = 64 * 1024;  // only if the bound was not enough
  }
  return Status::Ok();
}

}  // namespace mybuild::oci::internal
