#include "oci/gzip_block.h"

#include <algorithm>

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

namespace {

// A raw-deflate stream at `level` (0: stored blocks only).
Expected<std::unique_ptr<z_stream>> NewStream(int level) {
  auto zs = std::make_unique<z_stream>();
  // windowBits -15: raw deflate; the caller writes the gzip wrapper.
  if (deflateInit2(zs.get(), level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return Internal("deflateInit2 failed");
  }
  return zs;
}

// Appends to `out` the deflate data of `input` after `dictionary`, from a
// reset `zs`, ending with `flush`.
Status Run(z_stream& zs, std::string_view dictionary, std::string_view input,
           int flush, std::string* out) {
  if (deflateReset(&zs) != Z_OK) return Internal("deflateReset failed");
  if (!dictionary.empty() &&
      deflateSetDictionary(&zs, Bytes(dictionary),
                           static_cast<uInt>(dictionary.size())) != Z_OK) {
    return Internal("deflateSetDictionary failed");
  }
  zs.next_in = const_cast<Bytef*>(Bytes(input));
  zs.avail_in = static_cast<uInt>(input.size());
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
    bool done = flush == Z_FINISH ? rc == Z_STREAM_END
                                  : zs.avail_in == 0 && zs.avail_out != 0;
    if (done) return Status::Ok();
    room = 64 * 1024;  // only if the bound was not enough
  }
}

void End(std::unique_ptr<z_stream>& zs) {
  if (zs) deflateEnd(zs.get());
  zs.reset();
}

}  // namespace

Expected<BlockDeflater> BlockDeflater::Create(int level) {
  if (level < 1 || level > 9) {
    return InvalidArgument("gzip level " + std::to_string(level) +
                           " is not between 1 and 9");
  }
  BlockDeflater d;
  ASSIGN_OR_RETURN(d.zs_, NewStream(level));
  ASSIGN_OR_RETURN(d.probe_, NewStream(1));
  ASSIGN_OR_RETURN(d.store_, NewStream(0));
  return d;
}

BlockDeflater::BlockDeflater(BlockDeflater&&) noexcept = default;
BlockDeflater& BlockDeflater::operator=(BlockDeflater&& o) noexcept {
  if (this != &o) {
    End(zs_), End(probe_), End(store_);
    zs_ = std::move(o.zs_);
    probe_ = std::move(o.probe_);
    store_ = std::move(o.store_);
  }
  return *this;
}
BlockDeflater::~BlockDeflater() { End(zs_), End(probe_), End(store_); }

Expected<bool> BlockDeflater::Shrinks(std::string_view dictionary,
                                      std::string_view input) {
  if (input.size() < kProbes * kProbeSize) return true;
  std::string out;
  for (size_t i = 0; i < kProbes; ++i) {
    size_t at = input.size() / kProbes * i;
    std::string_view before =
        at == 0 ? dictionary
                : input.substr(at - std::min(at, kGzipDictionarySize),
                               std::min(at, kGzipDictionarySize));
    out.clear();
    RETURN_IF_ERROR(Run(*probe_, before, input.substr(at, kProbeSize),
                        Z_FINISH, &out));
    if (out.size() < kProbeSize * 97 / 100) return true;
  }
  return false;
}

Status BlockDeflater::Deflate(std::string_view dictionary,
                              std::string_view input, bool last,
                              std::string* out) {
  if (input.size() > (1u << 30)) return Internal("deflate block over 1 GiB");
  ASSIGN_OR_RETURN(bool shrinks, Shrinks(dictionary, input));
  return Run(shrinks ? *zs_ : *store_, dictionary, input,
             last ? Z_FINISH : Z_SYNC_FLUSH, out);
}

}  // namespace mybuild::oci::internal
