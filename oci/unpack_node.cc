// Creating one file system node from a tar entry, relative to its parent
// directory's fd.
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <vector>

#include "oci/tar_path.h"
#include "oci/unpacker.h"
#include "oci/xattrs.h"

namespace mybuild::oci::internal {
namespace {

mode_t NodeType(EntryType t) {
  switch (t) {
    case EntryType::kCharDevice: return S_IFCHR;
    case EntryType::kBlockDevice: return S_IFBLK;
    default: return S_IFIFO;
  }
}

}  // namespace

Status Unpacker::Create(const TarEntry& e, LayerReader* r) {
  std::string base(BaseOf(e.path));
  ASSIGN_OR_RETURN(int parent, Parent(std::string(ParentOf(e.path))));
  if (e.type == EntryType::kFile) {
    if (!r) return Internal("no content for \"" + e.path + "\"");
    return CreateFile(e, parent, base, *r);
  }
  struct stat st;
  bool exists = ::fstatat(parent, base.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
  bool keep_dir = exists && e.type == EntryType::kDir && S_ISDIR(st.st_mode);
  if (exists && !keep_dir) {
    RETURN_IF_ERROR(RemoveAt(parent, base, root_.path() + "/" + e.path));
  }
  if (e.type == EntryType::kCharDevice || e.type == EntryType::kBlockDevice) {
    if (::mknodat(parent, base.c_str(), NodeType(e.type) | 0600,
                  makedev(e.dev_major, e.dev_minor)) != 0) {
      // Without CAP_MKNOD (the user namespace of a rootless build) a device
      // node cannot be made: it is left out of this tree, as Docker and
      // podman do in a user namespace. The layer blob keeps it.
      if (errno == EPERM) return Status::Ok();
      return SysError("mknod", root_.path() + "/" + e.path, errno);
    }
    return SetMeta(e, parent, base);
  }
  if (e.type == EntryType::kDir && !keep_dir &&
      ::mkdirat(parent, base.c_str(), 0700) != 0) {
    return SysError("mkdir", root_.path() + "/" + e.path, errno);
  }
  RETURN_IF_ERROR(MakeNode(e, parent, base));
  return SetMeta(e, parent, base);
}

Status Unpacker::MakeNode(const TarEntry& e, int parent,
                          const std::string& base) {
  std::string what = root_.path() + "/" + e.path;
  switch (e.type) {
    case EntryType::kDir:
      return Status::Ok();
    case EntryType::kSymlink:
      if (::symlinkat(e.link_target.c_str(), parent, base.c_str()) != 0) {
        return SysError("symlink", what, errno);
      }
      return Status::Ok();
    case EntryType::kHardlink: {
      ASSIGN_OR_RETURN(UniqueFd dir,
                       root_.OpenDir(ParentOf(e.link_target), false));
      std::string target(BaseOf(e.link_target));
      if (::linkat(dir.get(), target.c_str(), parent, base.c_str(), 0) != 0) {
        return SysError("link", root_.path() + "/" + e.link_target, errno);
      }
      return Status::Ok();
    }
    default:  // a FIFO (devices are made by Create)
      if (::mknodat(parent, base.c_str(), NodeType(e.type) | 0600,
                    makedev(e.dev_major, e.dev_minor)) != 0) {
        return SysError("mknod", what, errno);
      }
      return Status::Ok();
  }
}

// A regular file: created first and replaced only when something is in the
// way (a fresh layer rarely has anything), then its content and metadata are
// set on the open fd. The copy buffer is reused and never zero-filled.
Status Unpacker::CreateFile(const TarEntry& e, int parent,
                            const std::string& base, LayerReader& r) {
  std::string what = root_.path() + "/" + e.path;
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
  int fd = ::openat(parent, base.c_str(), kFlags, 0600);
  if (fd < 0 && errno == EEXIST) {
    RETURN_IF_ERROR(RemoveAt(parent, base, what));
    fd = ::openat(parent, base.c_str(), kFlags, 0600);
  }
  if (fd < 0) return SysError("create", what, errno);
  UniqueFd out(fd);
  if (!buf_) buf_.reset(new char[kBufSize]);
  while (true) {
    Expected<size_t> n = r.Read(buf_.get(), kBufSize);
    if (!n.ok()) {
      reader_failed_ = true;  // names the layer and entry itself
      return n.status();
    }
    if (*n == 0) break;
    RETURN_IF_ERROR(WriteAll(fd, std::string_view(buf_.get(), *n), what));
  }
  if (::fchown(fd, e.uid, e.gid) != 0) return SysError("chown", what, errno);
  // After chown, which clears setuid/setgid.
  if (::fchmod(fd, e.mode & 07777) != 0) return SysError("chmod", what, errno);
  for (const auto& [key, value] : e.xattrs) {
    bool unsupported = false;
    RETURN_IF_ERROR(SetXattrAt(parent, base, key, value, what, &unsupported));
  }
  timespec ts[2] = {{e.mtime, 0}, {e.mtime, 0}};
  if (::futimens(fd, ts) != 0) return SysError("futimens", what, errno);
  return Status::Ok();
}

// Owner, mode, xattrs and (except for directories, done last) mtime. A
// hardlink shares its target's metadata and gets none of its own.
Status Unpacker::SetMeta(const TarEntry& e, int parent,
                         const std::string& base) {
  if (e.type == EntryType::kHardlink) return Status::Ok();
  std::string what = root_.path() + "/" + e.path;
  const char* name = base.c_str();
  if (::fchownat(parent, name, e.uid, e.gid, AT_SYMLINK_NOFOLLOW) != 0) {
    return SysError("chown", what, errno);
  }
  // After chown, which clears setuid/setgid.
  if (e.type != EntryType::kSymlink &&
      ::fchmodat(parent, name, e.mode & 07777, 0) != 0) {
    return SysError("chmod", what, errno);
  }
  for (const auto& [key, value] : e.xattrs) {
    bool unsupported = false;  // e.g. user.* on a symlink: skipped
    RETURN_IF_ERROR(SetXattrAt(parent, base, key, value, what, &unsupported));
  }
  if (e.type == EntryType::kDir) {
    dir_times_.emplace_back(e.path, e.mtime);
    return Status::Ok();
  }
  timespec ts[2] = {{e.mtime, 0}, {e.mtime, 0}};
  if (::utimensat(parent, name, ts, AT_SYMLINK_NOFOLLOW) != 0) {
    return SysError("utimensat", what, errno);
  }
  return Status::Ok();
}

}  // namespace mybuild::oci::internal
