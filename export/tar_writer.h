// A tar archive written as a stream (libarchive, pax format) to a file or
// stdout: the container of OCI archives, docker archives and rootfs tars.
// Entries get mtime 0, uid/gid 0 and no user names unless copied from disk,
// so the same content gives the same bytes. Headers are libarchive's; the
// content of a large file goes from its file to the archive in the kernel
// (copy_file_range, else splice or read and write), not through
// libarchive's buffer, and starts at a multiple of 64 KiB in the archive
// (a pax header holding only a padding comment goes before its header), at
// which the kernel copies it as fast as cp copies a file.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <string>
#include <string_view>

#include "base/fd.h"
#include "base/status.h"

namespace mybuild::exporter {

class TarWriter {
 public:
  // Writes to `dest`: "-" is stdout, else the file is created (replaced)
  // through DEST.tmp and renamed into place by Finish(). Fails with the
  // open(2) error naming the file.
  static Expected<std::unique_ptr<TarWriter>> Create(const std::string& dest);
  ~TarWriter();

  // A directory entry (mode 0755).
  Status AddDir(const std::string& name);
  // A regular file (mode 0644) holding `data`.
  Status AddBytes(const std::string& name, std::string_view data);
  // A regular file (mode 0644) streamed from the file at `path`.
  Status AddFile(const std::string& name, const std::string& path);
  // `entry` as given (owner, mode, times, link target); when it is a regular
  // file its content is streamed from `content_path`.
  Status AddEntry(struct archive_entry* entry, const std::string& content_path);

  // Ends the archive and, for a file, renames it into place: DEST is never
  // a partial archive. Not fsynced: an archive written for the user is
  // flushed by the kernel, as `cp`'s and `docker save`'s are (for 300 MB
  // the fsync took as long as the copy). Without Finish() a partial file
  // is removed.
  Status Finish();

 private:
  TarWriter() = default;
  Status Check(int rc, const std::string& what);
  Status CopyContent(const std::string& path);
  // `entry` written past libarchive: its header as libarchive makes it,
  // then `size` bytes of `content_path` copied by the kernel, then padding.
  Status AddLarge(struct archive_entry* entry, const std::string& content_path, int64_t size);
  // Appends to out_, writing it out when full. libarchive's writes arrive here.
  Status Put(const void* data, size_t size);
  Status Flush();
  static la_ssize_t Receive(struct archive*, void* self, const void* data, size_t size);

  struct archive* a_ = nullptr;
  UniqueFd fd_;
  int out_fd_ = -1;
  std::string out_;  // bytes not yet written to out_fd_
  int64_t written_ = 0;  // bytes written to out_fd_ so far
  Status write_error_;
  std::string dest_, tmp_;
  bool finished_ = false;
};

}  // namespace mybuild::exporter
