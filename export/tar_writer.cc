#include "export/tar_writer.h"

#include <fcntl.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace mybuild::exporter {
namespace {

// Bytes collected from libarchive before one write(2).
constexpr size_t kOutBuffer = 1 << 20;
// Content at least this large skips libarchive's buffer: below it the
// extra system calls cost more than the copy saves.
constexpr int64_t kLargeFile = 256 << 10;
constexpr size_t kBlock = 512;
// Where a large file's content starts in the archive: a multiple of this.
// The kernel copies between files through their page cache folios, and a
// destination misaligned against the source (at 0) made each
// copy_file_range slower than cp's: a 300 MB layer took 0.118 s at a 4 KiB
// offset, 0.080-0.092 s at 64 KiB and 0.081 s at 0. Not more: the padding
// is a pax header, and Go's archive/tar (docker and podman load) refuses
// one over 1 MiB.
constexpr int64_t kContentAlign = 64 << 10;

// A pax extended header ('x') of exactly `size` bytes (a multiple of 512,
// at least 1024) that only holds a "comment" record, which every pax reader
// ignores: padding that moves the next entry's content to kContentAlign.
std::string PaddingHeader(size_t size) {
  const size_t data = size - kBlock;
  // "LEN comment=...\n", LEN counting the whole record.
  const std::string len = std::to_string(data);
  const std::string record = len + " comment=" + std::string(data - len.size() - 10, ' ') + "\n";
  std::string h(kBlock, '\0');
  auto put = [&](size_t at, const std::string& v) { h.replace(at, v.size(), v); };
  char size_field[12];
  std::snprintf(size_field, sizeof size_field, "%011zo", data);
  put(0, "PaxHeader/padding");
  put(100, "0000644");
  put(108, "0000000");
  put(116, "0000000");
  put(124, size_field);
  put(136, "00000000000");
  put(148, "        ");  // the checksum counts its own field as spaces
  put(156, "x");
  put(257, std::string("ustar\0", 6));
  put(263, "00");
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  char chksum[8];
  std::snprintf(chksum, sizeof chksum, "%06o", sum);
  put(148, std::string(chksum, 6) + std::string("\0 ", 2));
  return h + record;
}

// Copies the next `size` bytes of `in` to `out` at their file offsets:
// copy_file_range when both are files that allow it, else sendfile (a
// pipe), else read and write. Fails when `in` ends early or on the first
// error, naming `path`.
Status CopyBytes(int in, int out, int64_t size, const std::string& path,
                 const std::string& dest) {
  enum { kRange, kSendfile, kReadWrite } how = kRange;
  std::string buf;
  while (size > 0) {
    size_t want = static_cast<size_t>(std::min<int64_t>(size, 1 << 30));
    ssize_t n;
    if (how == kRange) {
      n = ::copy_file_range(in, nullptr, out, nullptr, want, 0);
      if (n < 0 && errno != EINTR && errno != EIO && errno != ENOSPC) {
        how = kSendfile;  // EXDEV, EINVAL (a pipe), EBADF (O_APPEND), ...
        continue;
      }
    } else if (how == kSendfile) {
      n = ::sendfile(out, in, nullptr, want);
      if (n < 0 && errno != EINTR && errno != EIO && errno != ENOSPC && errno != EPIPE) {
        how = kReadWrite;
        continue;
      }
    } else {
      if (buf.empty()) buf.resize(kOutBuffer);
      n = ::read(in, buf.data(), std::min(want, buf.size()));
      if (n > 0) {
        RETURN_IF_ERROR(WriteAll(out, std::string_view(buf.data(), static_cast<size_t>(n)),
                                 dest));
      } else if (n < 0 && errno != EINTR) {
        return SysError("read", path, errno);
      }
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("write", dest, errno);
    if (n == 0) return IoError("\"" + path + "\" got shorter while being archived");
    size -= n;
  }
  return Status::Ok();
}

// Collects what a libarchive writer writes.
la_ssize_t Collect(struct archive*, void* out, const void* data, size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
  return static_cast<la_ssize_t>(size);
}

// The header bytes libarchive's pax writer makes for `entry` (a pax
// extended header first when the entry needs one), from a writer of its
// own that is dropped before any content.
Expected<std::string> HeaderBytes(struct archive_entry* entry) {
  std::string out;
  struct archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_set_bytes_per_block(a, 0);
  int rc = archive_write_open2(a, &out, nullptr, Collect, nullptr, nullptr);
  if (rc == ARCHIVE_OK) rc = archive_write_header(a, entry);
  std::string msg = archive_error_string(a) ? archive_error_string(a) : "failed";
  archive_write_fail(a);  // no close: that would write the content as zeros
  archive_write_free(a);
  if (rc < ARCHIVE_WARN) return IoError(msg);
  return out;
}

}  // namespace

Expected<std::unique_ptr<TarWriter>> TarWriter::Create(const std::string& dest) {
  std::unique_ptr<TarWriter> w(new TarWriter());
  w->dest_ = dest;
  w->out_fd_ = STDOUT_FILENO;
  if (dest != "-") {
    w->tmp_ = dest + ".tmp";
    ASSIGN_OR_RETURN(w->fd_, OpenFile(w->tmp_, O_WRONLY | O_CREAT | O_TRUNC, 0644));
    w->out_fd_ = w->fd_.get();
  }
  w->out_.reserve(kOutBuffer);
  w->a_ = archive_write_new();
  archive_write_set_format_pax_restricted(w->a_);
  // Every write straight to Receive, which buffers: the archive's bytes
  // then go out in order with the content AddLarge copies past libarchive.
  archive_write_set_bytes_per_block(w->a_, 0);
  RETURN_IF_ERROR(
      w->Check(archive_write_open2(w->a_, w.get(), nullptr, Receive, nullptr, nullptr), "open"));
  return w;
}

la_ssize_t TarWriter::Receive(struct archive*, void* self, const void* data, size_t size) {
  auto* w = static_cast<TarWriter*>(self);
  w->write_error_ = w->Put(data, size);
  return w->write_error_.ok() ? static_cast<la_ssize_t>(size) : -1;
}

Status TarWriter::Put(const void* data, size_t size) {
  out_.append(static_cast<const char*>(data), size);
  return out_.size() >= kOutBuffer ? Flush() : Status::Ok();
}

Status TarWriter::Flush() {
  if (out_.empty()) return Status::Ok();
  Status st = WriteAll(out_fd_, out_, tmp_.empty() ? "stdout" : tmp_);
  written_ += static_cast<int64_t>(out_.size());
  out_.clear();
  return st;
}

TarWriter::~TarWriter() {
  if (a_ != nullptr) archive_write_free(a_);
  if (!finished_ && !tmp_.empty()) ::unlink(tmp_.c_str());
}

Status TarWriter::Check(int rc, const std::string& what) {
  if (rc >= ARCHIVE_WARN) return Status::Ok();
  if (!write_error_.ok()) return write_error_;
  const char* msg = archive_error_string(a_);
  return IoError("write tar \"" + dest_ + "\": " + what + ": " + (msg ? msg : "failed"));
}

namespace {

// A fresh entry with the fixed owner and time every generated entry has.
struct archive_entry* NewEntry(const std::string& name, mode_t type, int perm) {
  struct archive_entry* e = archive_entry_new();
  archive_entry_set_pathname(e, name.c_str());
  archive_entry_set_filetype(e, type);
  archive_entry_set_perm(e, perm);
  archive_entry_set_mtime(e, 0, 0);
  return e;
}

}  // namespace

Status TarWriter::AddDir(const std::string& name) {
  struct archive_entry* e = NewEntry(name, AE_IFDIR, 0755);
  Status st = Check(archive_write_header(a_, e), name);
  archive_entry_free(e);
  return st;
}

Status TarWriter::AddBytes(const std::string& name, std::string_view data) {
  struct archive_entry* e = NewEntry(name, AE_IFREG, 0644);
  archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
  Status st = Check(archive_write_header(a_, e), name);
  archive_entry_free(e);
  RETURN_IF_ERROR(st);
  if (data.empty()) return Status::Ok();
  return Check(static_cast<int>(archive_write_data(a_, data.data(), data.size()) < 0
                                    ? ARCHIVE_FATAL : ARCHIVE_OK), name);
}

Status TarWriter::AddFile(const std::string& name, const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return SysError("stat", path, errno);
  struct archive_entry* e = NewEntry(name, AE_IFREG, 0644);
  archive_entry_set_size(e, st.st_size);
  Status s = AddEntry(e, path);
  archive_entry_free(e);
  return s;
}

Status TarWriter::AddEntry(struct archive_entry* entry, const std::string& content_path) {
  if (archive_entry_filetype(entry) == AE_IFREG && archive_entry_size(entry) >= kLargeFile) {
    return AddLarge(entry, content_path, archive_entry_size(entry));
  }
  RETURN_IF_ERROR(Check(archive_write_header(a_, entry), archive_entry_pathname(entry)));
  if (archive_entry_filetype(entry) != AE_IFREG || archive_entry_size(entry) == 0) {
    return Status::Ok();
  }
  return CopyContent(content_path);
}

Status TarWriter::AddLarge(struct archive_entry* entry, const std::string& content_path,
                           int64_t size) {
  const std::string name = archive_entry_pathname(entry);
  ASSIGN_OR_RETURN(UniqueFd in, OpenFile(content_path, O_RDONLY));
  // The entry before ends here (libarchive pads it now), so nothing of it
  // is left behind the content copied below.
  RETURN_IF_ERROR(Check(archive_write_finish_entry(a_), name));
  Expected<std::string> header = HeaderBytes(entry);
  if (!header.ok()) return IoError("write tar \"" + dest_ + "\": " + name + ": " +
                               header.status().message());
  if (header->size() == kBlock) {  // a plain ustar header: pad before it
    int64_t at = written_ + static_cast<int64_t>(out_.size() + kBlock);
    int64_t pad = (kContentAlign - at % kContentAlign) % kContentAlign;
    if (pad > 0 && pad < static_cast<int64_t>(2 * kBlock)) pad += kContentAlign;
    if (pad > 0) {
      std::string padding = PaddingHeader(static_cast<size_t>(pad));
      RETURN_IF_ERROR(Put(padding.data(), padding.size()));
    }
  }
  RETURN_IF_ERROR(Put(header->data(), header->size()));
  RETURN_IF_ERROR(Flush());
  RETURN_IF_ERROR(CopyBytes(in.get(), out_fd_, size, content_path,
                            tmp_.empty() ? "stdout" : tmp_));
  written_ += size;
  size_t pad = (kBlock - static_cast<size_t>(size % kBlock)) % kBlock;
  return Put(std::string(pad, '\0').data(), pad);
}

Status TarWriter::CopyContent(const std::string& path) {
  ASSIGN_OR_RETURN(UniqueFd in, OpenFile(path, O_RDONLY));
  std::string buf(1 << 20, '\0');
  while (true) {
    ssize_t n = ::read(in.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("read", path, errno);
    if (n == 0) return Status::Ok();
    if (archive_write_data(a_, buf.data(), static_cast<size_t>(n)) < 0) {
      return Check(ARCHIVE_FATAL, path);
    }
  }
}

Status TarWriter::Finish() {
  RETURN_IF_ERROR(Check(archive_write_close(a_), "close"));
  RETURN_IF_ERROR(Flush());
  if (!tmp_.empty()) {
    if (::close(fd_.Release()) != 0) return SysError("close", tmp_, errno);
    if (::rename(tmp_.c_str(), dest_.c_str()) != 0) return SysError("rename", tmp_, errno);
  }
  finished_ = true;
  return Status::Ok();
}

}  // namespace mybuild::exporter
