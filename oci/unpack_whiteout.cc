// Whiteouts and opaque directories, in both unpack modes.
#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "oci/overlay_xattrs.h"
#include "oci/tar_path.h"
#include "oci/unpacker.h"
#include "oci/xattrs.h"

namespace mybuild::oci::internal {
namespace {

Expected<std::vector<std::string>> Children(int dirfd, const std::string& what) {
  int dup = ::fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
  if (dup < 0) return SysError("dup", what, errno);
  DIR* d = ::fdopendir(dup);
  if (!d) {
    ::close(dup);
    return SysError("fdopendir", what, errno);
  }
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  ::closedir(d);
  return names;
}

std::string Join(const std::string& dir, const std::string& name) {
  return dir.empty() ? name : dir + "/" + name;
}

}  // namespace

Status Unpacker::Whiteout(const TarEntry& e, const std::string& parent,
                          const std::string& name) {
  if (name.empty() || name == "." || name == "..") {
    return InvalidArgument("layer entry \"" + e.path + "\": bad whiteout");
  }
  std::string victim = Join(parent, name);
  std::string what = root_.path() + "/" + victim;
  if (mode_ == UnpackMode::kApply) {
    if (written_.count(victim)) return Status::Ok();  // ours, not below
    auto dir = root_.OpenDir(parent, /*create=*/false);
    if (!dir.ok()) return Status::Ok();  // no parent, nothing to delete
    return RemoveAt(dir->get(), name, what);
  }
  // overlayfs's own whiteout: a char device 0:0, with the header's owner,
  // mode and mtime.
  TarEntry node = e;
  node.path = victim;
  node.type = EntryType::kCharDevice;
  node.dev_major = node.dev_minor = 0;
  node.xattrs.clear();
  Status st = Create(node, nullptr);
  if (!st.ok()) return st.WithPrefix("layer entry \"" + e.path + "\"");
  MarkWritten(victim);
  return Status::Ok();
}

Status Unpacker::Opaque(const TarEntry& e, const std::string& dir) {
  std::string what = root_.path() + "/" + dir;
  ASSIGN_OR_RETURN(int dirfd, Parent(dir));
  if (mode_ == UnpackMode::kOverlayLower) {
    Status st = SetXattrFd(dirfd, OverlayOpaqueXattr(), "y", what);
    return st.ok() ? st : st.WithPrefix("layer entry \"" + e.path + "\"");
  }
  ASSIGN_OR_RETURN(auto names, Children(dirfd, what));
  for (const auto& n : names) {
    if (written_.count(Join(dir, n))) continue;
    RETURN_IF_ERROR(RemoveAt(dirfd, n, what + "/" + n));
  }
  return Status::Ok();
}

}  // namespace mybuild::oci::internal
