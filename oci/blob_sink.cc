#include "oci/blob_sink.h"

#include <zlib.h>

#include <vector>

#include "base/fd.h"
#include "base/sha256.h"
#include "oci/media_types.h"

namespace mybuild::oci {

Descriptor LayerBlob::ToDescriptor() const {
  Descriptor d;
  d.media_type = media_type;
  d.digest = digest;
  d.size = size;
  return d;
}

struct BlobSink::Impl {
  std::string path;
  UniqueFd fd;
  bool gzip = false;
  z_stream zs{};
  Sha256 blob_hash, tar_hash;
  int64_t blob_size = 0, tar_size = 0;
  std::vector<unsigned char> out = std::vector<unsigned char>(256 * 1024);
  bool finished = false;

  ~Impl() {
    if (gzip) deflateEnd(&zs);
  }

  Status Emit(const void* data, size_t size) {
    blob_hash.Update(data, size);
    blob_size += static_cast<int64_t>(size);
    return WriteAll(fd.get(),
                    std::string_view(static_cast<const char*>(data), size),
                    path);
  }

  // Runs deflate over the pending input with `flush`, emitting all output.
  Status Deflate(int flush) {
    while (true) {
      zs.next_out = out.data();
      zs.avail_out = static_cast<uInt>(out.size());
      int rc = deflate(&zs, flush);
      if (rc == Z_STREAM_ERROR) return Internal("deflate: stream error");
      RETURN_IF_ERROR(Emit(out.data(), out.size() - zs.avail_out));
      if (flush == Z_FINISH ? rc == Z_STREAM_END : zs.avail_out != 0) {
        return Status::Ok();
      }
    }
  }
};

BlobSink::BlobSink(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BlobSink::BlobSink(BlobSink&&) noexcept = default;
BlobSink& BlobSink::operator=(BlobSink&&) noexcept = default;
BlobSink::~BlobSink() = default;

Expected<BlobSink> BlobSink::Create(const std::string& path, int gzip_level) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  ASSIGN_OR_RETURN(impl->fd, OpenFile(path, O_WRONLY | O_CREAT | O_TRUNC));
  if (gzip_level > 0) {
    // windowBits 15 + 16: a gzip wrapper whose header zlib fills with
    // mtime 0, no name, OS "unix".
    if (deflateInit2(&impl->zs, gzip_level, Z_DEFLATED, 15 + 16, 8,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
      return Internal("deflateInit2 failed");
    }
    impl->gzip = true;
  }
  return BlobSink(std::move(impl));
}

Status BlobSink::Write(const void* data, size_t size) {
  Impl& s = *impl_;
  s.tar_hash.Update(data, size);
  s.tar_size += static_cast<int64_t>(size);
  if (!s.gzip) return s.Emit(data, size);
  const auto* p = static_cast<const unsigned char*>(data);
  while (size > 0) {
    uInt chunk = size > (1u << 30) ? (1u << 30) : static_cast<uInt>(size);
    s.zs.next_in = const_cast<unsigned char*>(p);
    s.zs.avail_in = chunk;
    RETURN_IF_ERROR(s.Deflate(Z_NO_FLUSH));
    p += chunk;
    size -= chunk;
  }
  return Status::Ok();
}

Expected<LayerBlob> BlobSink::Finish() {
  Impl& s = *impl_;
  if (s.finished) return Internal("BlobSink::Finish called twice");
  s.finished = true;
  if (s.gzip) RETURN_IF_ERROR(s.Deflate(Z_FINISH));
  if (::fsync(s.fd.get()) != 0) return SysError("fsync", s.path, errno);
  if (::close(s.fd.Release()) != 0) return SysError("close", s.path, errno);
  LayerBlob b;
  b.path = s.path;
  b.media_type = std::string(s.gzip ? media::kOciLayerGzip : media::kOciLayer);
  ASSIGN_OR_RETURN(b.digest, Digest::FromHex(s.blob_hash.HexDigest()));
  ASSIGN_OR_RETURN(b.diff_id, Digest::FromHex(s.tar_hash.HexDigest()));
  b.size = s.blob_size;
  b.tar_size = s.tar_size;
  return b;
}

}  // namespace mybuild::oci
