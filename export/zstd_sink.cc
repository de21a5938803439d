#include "export/zstd_sink.h"

#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include <optional>
#include <thread>

#include "base/fd.h"
#include "base/sha256.h"
#include "oci/media_types.h"

namespace mybuild::exporter {

struct ZstdSink::Impl {
  std::string path;
  UniqueFd fd;
  ZSTD_CCtx* cctx = nullptr;
  Sha256 blob_hash, tar_hash;
  std::optional<oci::Digest> trusted_tar;  // TrustTar's: tar_hash is not fed
  int64_t size = 0, tar_size = 0;
  std::string out;
  ~Impl() {
    if (cctx != nullptr) ZSTD_freeCCtx(cctx);
  }
};

Expected<std::unique_ptr<ZstdSink>> ZstdSink::Create(const std::string& path, int level,
                                                     int workers) {
  if (level < 1 || level > ZSTD_maxCLevel()) {
    return InvalidArgument("zstd level " + std::to_string(level) + " is not 1-" +
                           std::to_string(ZSTD_maxCLevel()));
  }
  std::unique_ptr<ZstdSink> sink(new ZstdSink());
  sink->impl_ = std::make_unique<Impl>();
  Impl& s = *sink->impl_;
  s.path = path;
  ASSIGN_OR_RETURN(s.fd, OpenFile(path, O_WRONLY | O_CREAT | O_TRUNC, 0644));
  s.cctx = ZSTD_createCCtx();
  if (s.cctx == nullptr) return Internal("zstd: cannot create a compression context");
  if (workers <= 0) workers = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ZSTD_CCtx_setParameter(s.cctx, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(s.cctx, ZSTD_c_checksumFlag, 1);
  size_t rc = ZSTD_CCtx_setParameter(s.cctx, ZSTD_c_nbWorkers, workers);
  if (ZSTD_isError(rc)) return Internal(std::string("zstd: ") + ZSTD_getErrorName(rc));
  // libzstd's own size (128 KiB): the buffer stays in the CPU's cache
  // between libzstd filling it and write(2) copying it out. A 4 MiB one
  // made those copies cost a third of an export's CPU.
  s.out.resize(ZSTD_CStreamOutSize());
  return sink;
}

ZstdSink::~ZstdSink() = default;

Status ZstdSink::Compress(const void* data, size_t size, bool end) {
  Impl& s = *impl_;
  ZSTD_inBuffer in{data, size, 0};
  while (true) {
    ZSTD_outBuffer out{s.out.data(), s.out.size(), 0};
    size_t left = ZSTD_compressStream2(s.cctx, &out, &in, end ? ZSTD_e_end : ZSTD_e_continue);
    if (ZSTD_isError(left)) return IoError("zstd \"" + s.path + "\": " + ZSTD_getErrorName(left));
    if (out.pos > 0) {
      s.blob_hash.Update(s.out.data(), out.pos);
      s.size += static_cast<int64_t>(out.pos);
      RETURN_IF_ERROR(WriteAll(s.fd.get(), std::string_view(s.out.data(), out.pos), s.path));
    }
    if (end ? left == 0 : in.pos == in.size) return Status::Ok();
  }
}

void ZstdSink::TrustTar(const oci::Digest& diff_id) { impl_->trusted_tar = diff_id; }

Status ZstdSink::Write(const void* data, size_t size) {
  if (!impl_->trusted_tar) impl_->tar_hash.Update(data, size);
  impl_->tar_size += static_cast<int64_t>(size);
  return Compress(data, size, false);
}

Expected<oci::LayerBlob> ZstdSink::Finish() {
  Impl& s = *impl_;
  RETURN_IF_ERROR(Compress(nullptr, 0, true));
  if (::fsync(s.fd.get()) != 0) return SysError("fsync", s.path, errno);
  s.fd = UniqueFd();
  oci::LayerBlob b;
  b.path = s.path;
  b.media_type = std::string(oci::media::kOciLayerZstd);
  ASSIGN_OR_RETURN(b.digest, oci::Digest::Parse("sha256:" + s.blob_hash.HexDigest()));
  b.size = s.size;
  if (s.trusted_tar) {
    b.diff_id = *s.trusted_tar;
  } else {
    ASSIGN_OR_RETURN(b.diff_id, oci::Digest::Parse("sha256:" + s.tar_hash.HexDigest()));
  }
  b.tar_size = s.tar_size;
  return b;
}

}  // namespace mybuild::exporter
