#include "oci/blob_sink.h"

#include <fcntl.h>

#include <optional>

#include "base/fd.h"
#include "base/sha256.h"
#include "oci/media_types.h"
#include "oci/parallel_gzip.h"

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
  Sha256 blob_hash, tar_hash;
  std::optional<Digest> trusted_tar;  // TrustTar's: tar_hash is not fed
  int64_t blob_size = 0, tar_size = 0;
  std::optional<ParallelGzip> gzip;  // calls Emit, on the caller's thread
  bool finished = false;
  bool sync = true;

  Status Emit(std::string_view bytes) {
    if (gzip) blob_hash.Update(bytes);  // else the blob is the tar
    blob_size += static_cast<int64_t>(bytes.size());
    if (path.empty()) return Status::Ok();  // digest only
    return WriteAll(fd.get(), bytes, path);
  }
};

BlobSink::BlobSink(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BlobSink::BlobSink(BlobSink&&) noexcept = default;
BlobSink& BlobSink::operator=(BlobSink&&) noexcept = default;
BlobSink::~BlobSink() = default;

Expected<BlobSink> BlobSink::Create(const std::string& path, int gzip_level,
                                    int gzip_threads) {
  if (gzip_level < 0 || gzip_level > 9) {
    return InvalidArgument("gzip level " + std::to_string(gzip_level) +
                           " is not between 0 and 9");
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  if (!path.empty()) {
    ASSIGN_OR_RETURN(impl->fd, OpenFile(path, O_WRONLY | O_CREAT | O_TRUNC));
  }
  if (gzip_level > 0) {
    ParallelGzipOptions options;
    options.level = gzip_level;
    options.threads = gzip_threads;
    Impl* sink = impl.get();
    ASSIGN_OR_RETURN(impl->gzip,
                     ParallelGzip::Create(options, [sink](std::string_view b) {
                       return sink->Emit(b);
                     }));
  }
  return BlobSink(std::move(impl));
}

void BlobSink::TrustTar(const Digest& diff_id) { impl_->trusted_tar = diff_id; }

void BlobSink::SkipSync() { impl_->sync = false; }

Status BlobSink::Write(const void* data, size_t size) {
  Impl& s = *impl_;
  if (!s.trusted_tar) s.tar_hash.Update(data, size);
  s.tar_size += static_cast<int64_t>(size);
  if (!s.gzip) {
    return s.Emit(std::string_view(static_cast<const char*>(data), size));
  }
  return s.gzip->Write(data, size);
}

Expected<LayerBlob> BlobSink::Finish() {
  Impl& s = *impl_;
  if (s.finished) return Internal("BlobSink::Finish called twice");
  s.finished = true;
  if (s.gzip) RETURN_IF_ERROR(s.gzip->Finish());
  if (!s.path.empty()) {
    if (s.sync && ::fsync(s.fd.get()) != 0) return SysError("fsync", s.path, errno);
    // Its pages go to the disk now, so the caller's fsync finds them there.
    if (!s.sync) (void)::sync_file_range(s.fd.get(), 0, 0, SYNC_FILE_RANGE_WRITE);
    if (::close(s.fd.Release()) != 0) return SysError("close", s.path, errno);
  }
  LayerBlob b;
  b.path = s.path;
  b.media_type = std::string(s.gzip ? media::kOciLayerGzip : media::kOciLayer);
  if (s.trusted_tar) {
    b.diff_id = *s.trusted_tar;
  } else {
    ASSIGN_OR_RETURN(b.diff_id, Digest::FromHex(s.tar_hash.HexDigest()));
  }
  if (s.gzip) {
    ASSIGN_OR_RETURN(b.digest, Digest::FromHex(s.blob_hash.HexDigest()));
  } else {
    b.digest = b.diff_id;
  }
  b.size = s.blob_size;
  b.tar_size = s.tar_size;
  return b;
}

}  // namespace mybuild::oci
