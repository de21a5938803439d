#include "oci/layer_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <algorithm>

#include "base/fd.h"
#include "oci/tar_error.h"
#include "oci/tar_stream.h"
#include "oci/tar_path.h"
#include "oci/utf8_locale.h"

namespace mybuild::oci {

struct LayerReader::Impl {
  std::string path;
  UniqueFd fd;
  std::unique_ptr<TarStream> stream;  // reads fd
  archive* a = nullptr;               // stream's tar reader
  TarBudget budget;
  int64_t content = 0;  // entry bytes handed out (sparse holes included)
  Impl(const std::string& p, const TarLimits& l, int64_t size)
      : path(p), budget(l, size) {}
  Status Error(const std::string& what) const {
    return InvalidArgument("layer \"" + path + "\": " + what + ": " +
                           ArchiveErrorString(a));
  }
  Status Limit(const Status& st) const {
    return st.ok() ? st : st.WithPrefix("layer \"" + path + "\"");
  }
  Status CheckExpansion() {
    int64_t stream = archive_filter_bytes(a, 0);
    return Limit(budget.Expanded(std::max(stream, content)));
  }
};

namespace {

// The entry's name as stored (read under C.UTF-8: pax records are UTF-8,
// ustar names and hdrcharset=BINARY records raw bytes), else the UTF-8 form.
std::string RawName(archive_entry* ae, bool link) {
  const char* s = link ? archive_entry_hardlink(ae) : archive_entry_pathname(ae);
  if (!s) {
    s = link ? archive_entry_hardlink_utf8(ae) : archive_entry_pathname_utf8(ae);
  }
  return s ? s : "";
}

// A symlink's or hardlink's target as stored, "" for other entries.
std::string LinkName(archive_entry* ae) {
  const char* s = archive_entry_hardlink(ae);
  if (!s) s = archive_entry_symlink(ae);
  return s ? s : "";
}

EntryType TypeOf(archive_entry* ae) {
  if (archive_entry_hardlink(ae) || archive_entry_hardlink_utf8(ae)) {
    return EntryType::kHardlink;
  }
  switch (archive_entry_filetype(ae)) {
    case AE_IFDIR: return EntryType::kDir;
    case AE_IFLNK: return EntryType::kSymlink;
    case AE_IFCHR: return EntryType::kCharDevice;
    case AE_IFBLK: return EntryType::kBlockDevice;
    case AE_IFIFO: return EntryType::kFifo;
    default: return EntryType::kFile;
  }
}

Expected<TarEntry> Convert(archive_entry* ae) {
  TarEntry e;
  e.type = TypeOf(ae);
  ASSIGN_OR_RETURN(e.path, NormalizeTarPath(RawName(ae, false)));
  e.mode = archive_entry_perm(ae) & 07777;
  e.uid = static_cast<uint32_t>(archive_entry_uid(ae));
  e.gid = static_cast<uint32_t>(archive_entry_gid(ae));
  if (const char* u = archive_entry_uname(ae)) e.uname = u;
  if (const char* g = archive_entry_gname(ae)) e.gname = g;
  e.mtime = archive_entry_mtime(ae);
  e.size = e.type == EntryType::kFile ? archive_entry_size(ae) : 0;
  if (e.type == EntryType::kHardlink) {
    std::string target = RawName(ae, true);
    auto clean = NormalizeTarPath(target);
    if (!clean.ok()) {
      return InvalidArgument("layer entry \"" + e.path + "\": hardlink target \"" +
                             target + "\" escapes the target");
    }
    e.link_target = *clean;
  } else if (e.type == EntryType::kSymlink) {
    const char* t = archive_entry_symlink(ae);
    if (!t) t = archive_entry_symlink_utf8(ae);
    e.link_target = t ? t : "";
  }
  e.dev_major = archive_entry_rdevmajor(ae);
  e.dev_minor = archive_entry_rdevminor(ae);
  archive_entry_xattr_reset(ae);
  const char* name;
  const void* value;
  size_t size;
  while (archive_entry_xattr_next(ae, &name, &value, &size) == ARCHIVE_OK) {
    e.xattrs[name] = std::string(static_cast<const char*>(value), size);
  }
  return e;
}

}  // namespace

LayerReader::LayerReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LayerReader::LayerReader(LayerReader&&) noexcept = default;
LayerReader& LayerReader::operator=(LayerReader&&) noexcept = default;
LayerReader::~LayerReader() = default;

Expected<LayerReader> LayerReader::Open(const std::string& path,
                                        const TarLimits& limits) {
  internal::Utf8LocaleScope utf8;
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(path, O_RDONLY));
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return SysError("fstat", path, errno);
  auto impl = std::make_unique<Impl>(path, limits, st.st_size);
  impl->fd = std::move(fd);
  Expected<std::unique_ptr<TarStream>> stream = TarStream::Open(impl->fd.get(), false);
  if (!stream.ok()) return stream.status().WithPrefix("layer \"" + path + "\": open");
  impl->stream = std::move(*stream);
  impl->a = impl->stream->tar();
  return LayerReader(std::move(impl));
}

Expected<std::optional<TarEntry>> LayerReader::Next() {
  internal::Utf8LocaleScope utf8;
  archive_entry* ae = nullptr;
  int rc = archive_read_next_header(impl_->a, &ae);
  if (rc == ARCHIVE_EOF) return std::optional<TarEntry>();
  if (rc < ARCHIVE_WARN) return impl_->Error("read header");
  RETURN_IF_ERROR(impl_->Limit(
      impl_->budget.Entry(RawName(ae, false), LinkName(ae))));
  RETURN_IF_ERROR(impl_->CheckExpansion());
  ASSIGN_OR_RETURN(TarEntry e, Convert(ae));
  if (e.path.empty() && e.type != EntryType::kDir) {
    return InvalidArgument("layer \"" + impl_->path + "\": entry " +
                           std::to_string(impl_->budget.entry()) + " \"" +
                           RawName(ae, false) +
                           "\": only a directory can name the root");
  }
  return std::optional<TarEntry>(std::move(e));
}

Expected<size_t> LayerReader::Read(char* buf, size_t size) {
  la_ssize_t n = archive_read_data(impl_->a, buf, size);
  if (n < 0) return impl_->Error("read data");
  impl_->content += n;
  RETURN_IF_ERROR(impl_->CheckExpansion());
  return static_cast<size_t>(n);
}

}  // namespace mybuild::oci
