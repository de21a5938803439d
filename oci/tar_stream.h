// libarchive's tar reader over a file that may be compressed, with every
// uncompressed byte shown to a TarHeaderScan on its way: a gzip file is
// inflated by a GunzipStream (ISA-L), any other by a libarchive archive of
// raw format; a second archive parses tar from what the first gives, and a
// name the scan refuses fails the second's read with the scan's message.
#pragma once

#include <archive.h>

#include <memory>
#include <string>

#include "base/status.h"
#include "oci/gunzip_stream.h"
#include "oci/tar_header_scan.h"

namespace mybuild::oci {

class TarStream {
 public:
  // Reads the file open at `fd` (borrowed: it must outlive the stream).
  // `every_filter` accepts bzip2 and xz as well as gzip and zstd. Fails
  // with libarchive's message when the file cannot be read.
  static Expected<std::unique_ptr<TarStream>> Open(int fd, bool every_filter);
  ~TarStream();
  TarStream(const TarStream&) = delete;
  TarStream& operator=(const TarStream&) = delete;

  // The tar reader: archive_read_next_header, archive_read_data and
  // archive_filter_bytes(tar, 0) (uncompressed bytes read) on it.
  struct archive* tar() const { return tar_; }

 private:
  TarStream() = default;
  Status OpenTar();  // tar_ over Read
  static la_ssize_t Read(struct archive*, void* self, const void** buf);
  std::unique_ptr<GunzipStream> gunzip_;  // decompresses gzip
  struct archive* raw_ = nullptr;  // decompresses anything else
  struct archive* tar_ = nullptr;  // parses
  TarHeaderScan scan_;
  std::unique_ptr<char[]> buf_;
};

}  // namespace mybuild::oci
