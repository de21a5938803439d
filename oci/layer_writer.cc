#include "oci/layer_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <vector>

#include "base/fd.h"
#include "oci/read_ahead.h"
#include "oci/tar_error.h"
#include "oci/tar_path.h"
#include "oci/utf8_locale.h"

namespace mybuild::oci {

struct LayerWriter::Impl {
  BlobSink sink;
  archive* a = nullptr;
  Status error;  // first failure of the write callback
  std::vector<char> buf = std::vector<char>(1 << 20);
  int64_t file_bytes = 0;  // sizes of the kFile headers written

  explicit Impl(BlobSink s) : sink(std::move(s)) {}
  ~Impl() {
    if (a) archive_write_free(a);
  }

  static la_ssize_t OnWrite(archive*, void* self, const void* data,
                            size_t size) {
    Impl* impl = static_cast<Impl*>(self);
    Status st = impl->sink.Write(data, size);
    if (st.ok()) return static_cast<la_ssize_t>(size);
    if (impl->error.ok()) impl->error = st;
    return -1;
  }

  Status ArchiveError(const std::string& what) {
    if (!error.ok()) return error;
    return IoError(what + ": " + ArchiveErrorString(a));
  }

  Status WriteHeader(const TarEntry& e);
  // WriteHeader for an entry that is not a whiteout.
  Status WritePlain(const TarEntry& e);
  Status WriteContent(const TarEntry& e, int fd, const std::string& name);
};

namespace {

mode_t FileType(EntryType t) {
  switch (t) {
    case EntryType::kDir: return AE_IFDIR;
    case EntryType::kSymlink: return AE_IFLNK;
    case EntryType::kCharDevice: return AE_IFCHR;
    case EntryType::kBlockDevice: return AE_IFBLK;
    case EntryType::kFifo: return AE_IFIFO;
    default: return AE_IFREG;
  }
}

// Fills a libarchive entry from `e`, leaving out everything that would make
// equal trees give different bytes.
void Fill(const TarEntry& e, archive_entry* ae) {
  archive_entry_set_pathname(ae, e.path.c_str());
  archive_entry_set_filetype(ae, FileType(e.type));
  archive_entry_set_perm(ae, e.mode & 07777);
  archive_entry_set_uid(ae, e.uid);
  archive_entry_set_gid(ae, e.gid);
  if (!e.uname.empty()) archive_entry_set_uname(ae, e.uname.c_str());
  if (!e.gname.empty()) archive_entry_set_gname(ae, e.gname.c_str());
  archive_entry_set_mtime(ae, e.mtime, 0);
  archive_entry_set_size(ae, e.type == EntryType::kFile ? e.size : 0);
  if (e.type == EntryType::kSymlink) {
    archive_entry_set_symlink(ae, e.link_target.c_str());
  }
  if (e.type == EntryType::kHardlink) {
    archive_entry_set_hardlink(ae, e.link_target.c_str());
  }
  if (e.type == EntryType::kCharDevice || e.type == EntryType::kBlockDevice) {
    archive_entry_set_rdevmajor(ae, e.dev_major);
    archive_entry_set_rdevminor(ae, e.dev_minor);
  }
  for (const auto& [name, value] : e.xattrs) {
    archive_entry_xattr_add_entry(ae, name.c_str(), value.data(),
                                  value.size());
  }
}

}  // namespace

Status LayerWriter::Impl::WriteHeader(const TarEntry& e) {
  if (!IsCleanTarPath(e.path)) {
    return InvalidArgument("layer entry \"" + e.path + "\": invalid path");
  }
  if (e.type == EntryType::kHardlink && !IsCleanTarPath(e.link_target)) {
    return InvalidArgument("layer entry \"" + e.path +
                           "\": invalid hardlink target \"" + e.link_target +
                           "\"");
  }
  if (e.type == EntryType::kFile) file_bytes += e.size;
  archive_entry* ae = archive_entry_new();
  Fill(e, ae);
  int rc = archive_write_header(a, ae);
  archive_entry_free(ae);
  // ARCHIVE_WARN: a name that is not UTF-8, written as raw bytes with
  // hdrcharset=BINARY.
  if (rc < ARCHIVE_WARN) {
    return ArchiveError("write header for \"" + e.path + "\"");
  }
  return Status::Ok();
}

Status LayerWriter::Impl::WritePlain(const TarEntry& e) {
  for (std::string_view p = e.path; !p.empty(); p = ParentOf(p)) {
    if (BaseOf(p).starts_with(kWhiteoutPrefix)) {
      return InvalidArgument("layer entry \"" + e.path +
                             "\": \".wh.\" names are whiteouts, not files");
    }
  }
  return WriteHeader(e);
}

Status LayerWriter::Impl::WriteContent(const TarEntry& e, int fd,
                                       const std::string& name) {
  if (e.size >= ReadAhead::kMinSize) {
    ReadAhead ahead(fd, e.size, name);
    while (true) {
      ASSIGN_OR_RETURN(std::string_view chunk, ahead.Next());
      if (chunk.empty()) return Status::Ok();
      if (archive_write_data(a, chunk.data(), chunk.size()) !=
          static_cast<la_ssize_t>(chunk.size())) {
        return ArchiveError("write data for \"" + e.path + "\"");
      }
    }
  }
  int64_t left = e.size;
  while (true) {
    size_t want = left > 0 ? std::min<int64_t>(left, buf.size()) : 1;
    ssize_t n = ::read(fd, buf.data(), want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("read", name, errno);
    if (left == 0) {
      if (n > 0) return IoError("file \"" + name + "\" grew while archived");
      return Status::Ok();
    }
    if (n == 0) return IoError("file \"" + name + "\" shrank while archived");
    if (archive_write_data(a, buf.data(), n) != n) {
      return ArchiveError("write data for \"" + e.path + "\"");
    }
    left -= n;
  }
}

LayerWriter::LayerWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LayerWriter::LayerWriter(LayerWriter&&) noexcept = default;
LayerWriter& LayerWriter::operator=(LayerWriter&&) noexcept = default;
LayerWriter::~LayerWriter() = default;

Expected<LayerWriter> LayerWriter::Create(const std::string& path,
                                          LayerWriterOptions options) {
  internal::Utf8LocaleScope utf8;
  ASSIGN_OR_RETURN(BlobSink sink, BlobSink::Create(path, options.gzip_level));
  if (!options.sync) sink.SkipSync();
  auto impl = std::make_unique<Impl>(std::move(sink));
  archive* a = impl->a = archive_write_new();
  if (!a) return Internal("archive_write_new failed");
  if (archive_write_set_format_pax_restricted(a) != ARCHIVE_OK ||
      archive_write_set_option(a, "pax", "xattrheader", "SCHILY") !=
          ARCHIVE_OK ||
      archive_write_set_bytes_per_block(a, 0) != ARCHIVE_OK ||
      archive_write_open(a, impl.get(), nullptr, &Impl::OnWrite, nullptr) !=
          ARCHIVE_OK) {
    return impl->ArchiveError("set up tar writer for \"" + path + "\"");
  }
  return LayerWriter(std::move(impl));
}

Status LayerWriter::Add(const TarEntry& e, const std::string& source) {
  internal::Utf8LocaleScope utf8;
  if (e.type != EntryType::kFile) return impl_->WritePlain(e);
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(source, O_RDONLY | O_NOFOLLOW));
  return AddFromFd(e, fd.get());
}

Status LayerWriter::AddFromFd(const TarEntry& e, int fd) {
  internal::Utf8LocaleScope utf8;
  RETURN_IF_ERROR(impl_->WritePlain(e));
  if (e.type != EntryType::kFile) return Status::Ok();
  return impl_->WriteContent(e, fd, e.path);
}

Status LayerWriter::AddBytes(const TarEntry& e, std::string_view content) {
  internal::Utf8LocaleScope utf8;
  TarEntry sized = e;
  sized.size = static_cast<int64_t>(content.size());
  RETURN_IF_ERROR(impl_->WritePlain(sized));
  if (content.empty()) return Status::Ok();
  la_ssize_t n = archive_write_data(impl_->a, content.data(), content.size());
  if (n != static_cast<la_ssize_t>(content.size())) {
    return impl_->ArchiveError("write data for \"" + e.path + "\"");
  }
  return Status::Ok();
}

Status LayerWriter::AddWhiteout(std::string_view path, const TarEntry& like) {
  internal::Utf8LocaleScope utf8;
  TarEntry w = like;
  w.path = WhiteoutPath(path);
  w.type = EntryType::kFile;
  w.mode &= 0777;
  w.size = 0;
  w.link_target.clear();
  w.xattrs.clear();
  return impl_->WriteHeader(w);
}

Status LayerWriter::AddOpaque(std::string_view dir, const TarEntry& like) {
  internal::Utf8LocaleScope utf8;
  TarEntry w = like;
  w.path = dir.empty() ? kOpaqueWhiteout
                       : std::string(dir) + "/" + kOpaqueWhiteout;
  w.type = EntryType::kFile;
  w.mode &= 0777;
  w.size = 0;
  w.link_target.clear();
  w.xattrs.clear();
  return impl_->WriteHeader(w);
}

Expected<LayerBlob> LayerWriter::Finish() {
  internal::Utf8LocaleScope utf8;
  if (archive_write_close(impl_->a) != ARCHIVE_OK) {
    return impl_->ArchiveError("finish tar");
  }
  ASSIGN_OR_RETURN(LayerBlob blob, impl_->sink.Finish());
  blob.file_bytes = impl_->file_bytes;
  return blob;
}

}  // namespace mybuild::oci
