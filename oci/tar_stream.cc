#include "oci/tar_stream.h"

#include <archive_entry.h>
#include <unistd.h>

#include <cerrno>

#include "oci/tar_error.h"

namespace mybuild::oci {
namespace {

constexpr size_t kChunk = 1 << 20;

// Whether the file at `fd` starts (at its offset) with gzip's magic bytes.
// A pipe cannot be peeked at: libarchive takes it, gzip or not.
bool StartsWithGzip(int fd) {
  off_t at = ::lseek(fd, 0, SEEK_CUR);
  unsigned char magic[2];
  return at >= 0 && ::pread(fd, magic, 2, at) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

}  // namespace

Expected<std::unique_ptr<TarStream>> TarStream::Open(int fd, bool every_filter) {
  std::unique_ptr<TarStream> s(new TarStream());
  s->buf_ = std::make_unique<char[]>(kChunk);
  s->tar_ = archive_read_new();
  if (!s->tar_) return Internal("archive_read_new failed");
  if (StartsWithGzip(fd)) {
    s->gunzip_ = GunzipStream::Open(fd);
    RETURN_IF_ERROR(s->OpenTar());
    return s;
  }
  s->raw_ = archive_read_new();
  if (!s->raw_) return Internal("archive_read_new failed");
  archive_read_support_format_raw(s->raw_);
  archive_read_support_filter_gzip(s->raw_);
  archive_read_support_filter_zstd(s->raw_);
  if (every_filter) {
    archive_read_support_filter_bzip2(s->raw_);
    archive_read_support_filter_xz(s->raw_);
  }
  archive_entry* entry = nullptr;
  if (archive_read_open_fd(s->raw_, fd, kChunk) != ARCHIVE_OK ||
      archive_read_next_header(s->raw_, &entry) != ARCHIVE_OK) {
    return InvalidArgument(ArchiveErrorString(s->raw_));
  }
  RETURN_IF_ERROR(s->OpenTar());
  return s;
}

Status TarStream::OpenTar() {
  archive_read_support_format_tar(tar_);
  if (archive_read_open(tar_, this, nullptr, &TarStream::Read, nullptr) != ARCHIVE_OK) {
    return InvalidArgument(ArchiveErrorString(tar_));
  }
  return Status::Ok();
}

TarStream::~TarStream() {
  if (tar_) archive_read_free(tar_);
  if (raw_) archive_read_free(raw_);
}

la_ssize_t TarStream::Read(struct archive* a, void* self, const void** buf) {
  auto* s = static_cast<TarStream*>(self);
  la_ssize_t n;
  if (s->gunzip_) {
    Expected<size_t> got = s->gunzip_->Read(s->buf_.get(), kChunk);
    if (!got.ok()) {
      archive_set_error(a, EIO, "%s", got.status().message().c_str());
      return -1;
    }
    n = static_cast<la_ssize_t>(*got);
  } else {
    n = archive_read_data(s->raw_, s->buf_.get(), kChunk);
    if (n < 0) {
      archive_set_error(a, EIO, "%s", ArchiveErrorString(s->raw_).c_str());
      return -1;
    }
  }
  Status st = s->scan_.Feed(std::string_view(s->buf_.get(), static_cast<size_t>(n)));
  if (!st.ok()) {
    archive_set_error(a, EINVAL, "%s", st.message().c_str());
    return -1;
  }
  *buf = s->buf_.get();
  return n;
}

}  // namespace mybuild::oci
