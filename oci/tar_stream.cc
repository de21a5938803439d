#include "oci/tar_stream.h"

#include <archive_entry.h>

#include <cerrno>

#include "oci/tar_error.h"

namespace mybuild::oci {
namespace {

constexpr size_t kChunk = 1 << 20;

}  // namespace

Expected<std::unique_ptr<TarStream>> TarStream::Open(int fd, bool every_filter) {
  std::unique_ptr<TarStream> s(new TarStream());
  s->buf_ = std::make_unique<char[]>(kChunk);
  s->raw_ = archive_read_new();
  s->tar_ = archive_read_new();
  if (!s->raw_ || !s->tar_) return Internal("archive_read_new failed");
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
  archive_read_support_format_tar(s->tar_);
  if (archive_read_open(s->tar_, s.get(), nullptr, &TarStream::Read, nullptr) != ARCHIVE_OK) {
    return InvalidArgument(ArchiveErrorString(s->tar_));
  }
  return s;
}

TarStream::~TarStream() {
  if (tar_) archive_read_free(tar_);
  if (raw_) archive_read_free(raw_);
}

la_ssize_t TarStream::Read(struct archive* a, void* self, const void** buf) {
  auto* s = static_cast<TarStream*>(self);
  la_ssize_t n = archive_read_data(s->raw_, s->buf_.get(), kChunk);
  if (n < 0) {
    archive_set_error(a, EIO, "%s", ArchiveErrorString(s->raw_).c_str());
    return -1;
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
