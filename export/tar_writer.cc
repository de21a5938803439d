#include "export/tar_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace mybuild::exporter {

Expected<std::unique_ptr<TarWriter>> TarWriter::Create(const std::string& dest) {
  std::unique_ptr<TarWriter> w(new TarWriter());
  w->dest_ = dest;
  int fd = STDOUT_FILENO;
  if (dest != "-") {
    w->tmp_ = dest + ".tmp";
    ASSIGN_OR_RETURN(w->fd_, OpenFile(w->tmp_, O_WRONLY | O_CREAT | O_TRUNC, 0644));
    fd = w->fd_.get();
  }
  w->a_ = archive_write_new();
  archive_write_set_format_pax_restricted(w->a_);
  archive_write_set_bytes_per_block(w->a_, 1 << 20);  // fewer, larger writes
  archive_write_set_bytes_in_last_block(w->a_, 1);
  RETURN_IF_ERROR(w->Check(archive_write_open_fd(w->a_, fd), "open"));
  return w;
}

TarWriter::~TarWriter() {
  if (a_ != nullptr) archive_write_free(a_);
  if (!finished_ && !tmp_.empty()) ::unlink(tmp_.c_str());
}

Status TarWriter::Check(int rc, const std::string& what) {
  if (rc >= ARCHIVE_WARN) return Status::Ok();
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
  RETURN_IF_ERROR(Check(archive_write_header(a_, entry), archive_entry_pathname(entry)));
  if (archive_entry_filetype(entry) != AE_IFREG || archive_entry_size(entry) == 0) {
    return Status::Ok();
  }
  return CopyContent(content_path);
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
  if (!tmp_.empty()) {
    if (::fsync(fd_.get()) != 0) return SysError("fsync", tmp_, errno);
    if (::rename(tmp_.c_str(), dest_.c_str()) != 0) return SysError("rename", tmp_, errno);
  }
  finished_ = true;
  return Status::Ok();
}

}  // namespace mybuild::exporter
