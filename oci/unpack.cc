#include "oci/unpack.h"

#include <sys/stat.h>

#include "oci/tar_path.h"
#include "oci/unpacker.h"

namespace mybuild::oci {
namespace internal {

Expected<int> Unpacker::Parent(const std::string& dir) {
  if (cached_fd_.valid() && cached_dir_ == dir) return cached_fd_.get();
  ForgetParent();
  ASSIGN_OR_RETURN(cached_fd_, root_.OpenDir(dir, /*create=*/true));
  cached_dir_ = dir;
  return cached_fd_.get();
}

void Unpacker::MarkWritten(const std::string& path) {
  for (std::string_view p = path; !p.empty(); p = ParentOf(p)) {
    if (!written_.insert(std::string(p)).second) break;
  }
}

Status Unpacker::Apply(const TarEntry& e, LayerReader& r) {
  if (e.path.empty()) return Status::Ok();  // the root itself
  std::string base(BaseOf(e.path)), parent(ParentOf(e.path));
  if (base == kOpaqueWhiteout) return Opaque(e, parent);
  if (base.starts_with(".wh..wh.")) return Status::Ok();  // aufs metadata
  if (base.starts_with(kWhiteoutPrefix)) {
    return Whiteout(e, parent, base.substr(4));
  }
  if (e.type == EntryType::kSymlink &&
      !SymlinkStaysInside(e.path, e.link_target)) {
    return InvalidArgument("layer entry \"" + e.path + "\": symlink target \"" +
                           e.link_target + "\" escapes the target");
  }
  Status st = Create(e, &r);
  if (!st.ok() && reader_failed_) return st;
  if (!st.ok()) return st.WithPrefix("layer entry \"" + e.path + "\"");
  MarkWritten(e.path);
  return Status::Ok();
}

Status Unpacker::Finish() {
  ForgetParent();
  for (const auto& [dir, mtime] : dir_times_) {
    auto fd = root_.OpenDir(dir, /*create=*/false);
    if (!fd.ok()) continue;  // removed by a later entry
    timespec ts[2] = {{mtime, 0}, {mtime, 0}};
    if (::futimens(fd->get(), ts) != 0) {
      return SysError("futimens", root_.path() + "/" + dir, errno);
    }
  }
  return Status::Ok();
}

}  // namespace internal

Status UnpackLayer(const std::string& layer, const std::string& target,
                   UnpackMode mode, const TarLimits& limits) {
  ASSIGN_OR_RETURN(LayerReader reader, LayerReader::Open(layer, limits));
  ASSIGN_OR_RETURN(SafeRoot root, SafeRoot::Open(target));
  internal::Unpacker unpacker(std::move(root), mode);
  while (true) {
    ASSIGN_OR_RETURN(std::optional<TarEntry> e, reader.Next());
    if (!e) break;
    RETURN_IF_ERROR(unpacker.Apply(*e, reader));
  }
  return unpacker.Finish();
}

}  // namespace mybuild::oci
