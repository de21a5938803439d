#include "executor/mount_stubs.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <optional>

#include "base/fd.h"
#include "executor/layer_view.h"
#include "oci/overlay_xattrs.h"
#include "executor/root_path.h"

namespace mybuild::executor {
namespace {

// Whether the directory `fd` has no entries; false when unreadable.
bool IsEmptyDir(int fd) {
  int dup = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (dup < 0) return false;
  DIR* d = ::fdopendir(dup);
  if (!d) {
    ::close(dup);
    return false;
  }
  bool empty = true;
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") {
      empty = false;
      break;
    }
  }
  ::closedir(d);
  return empty;
}

bool IsOpaque(int dir_fd) {
  char v[2] = {};
  return ::fgetxattr(dir_fd, oci::OverlayOpaqueXattr().c_str(), v, 1) == 1 &&
         v[0] == 'y';
}

// Whether `name` in `parent` (lstat `st`) is only a stub: made for a mount
// point and still empty, or a directory overlayfs copied up to hold one
// (empty again, not opaque, with the lower's mode and owner).
bool IsStub(int parent, const std::string& name, const struct stat& st,
            const std::optional<struct stat>& lower) {
  if (S_ISREG(st.st_mode)) return !lower && st.st_size == 0;
  if (!S_ISDIR(st.st_mode)) return false;
  int fd = ::openat(parent, name.c_str(),
                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  UniqueFd dir(fd);
  if (!IsEmptyDir(dir.get())) return false;
  if (!lower) return true;
  return S_ISDIR(lower->st_mode) && !IsOpaque(dir.get()) &&
         st.st_mode == lower->st_mode && st.st_uid == lower->st_uid &&
         st.st_gid == lower->st_gid;
}

// Removes `rel` from the upper dir `upper` if it is a stub. What cannot be
// reached without a symlink, or is gone, was the step's doing: left alone.
Status RemoveIfStub(int upper, const std::string& rel, const LayerView& image,
                    const std::string& upper_path) {
  const std::string shown = upper_path + "/" + rel;
  size_t slash = rel.rfind('/');
  const std::string dir =
      slash == std::string::npos ? "" : rel.substr(0, slash);
  const std::string name = rel.substr(slash + 1);
  int err = 0;
  Expected<UniqueFd> parent =
      OpenBeneath(upper, dir, O_PATH | O_DIRECTORY, shown, &err);
  if (!parent.ok()) {
    if (err == ENOENT || err == ENOTDIR || err == ELOOP) return Status::Ok();
    return parent.status();
  }
  struct stat st;
  if (::fstatat(parent->get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return Status::Ok();
    return SysError("lstat", shown, errno);
  }
  if (!IsStub(parent->get(), name, st, image.Lstat("/" + rel)))
    return Status::Ok();
  int flags = S_ISDIR(st.st_mode) ? AT_REMOVEDIR : 0;
  if (::unlinkat(parent->get(), name.c_str(), flags) != 0)
    return SysError("remove", shown, errno);
  return Status::Ok();
}

}  // namespace

Status RemoveMountStubs(const SandboxSpec& spec) {
  LayerView image(spec.lower_dirs);
  // A target the image cannot resolve (a link loop) failed the setup
  // before anything was made for it.
  const std::vector<std::string> stubs =
      MountStubPaths(spec, [&](const std::string& path) {
        Expected<std::string> at = image.Resolve(path);
        return at.ok() ? std::optional<std::string>(*at) : std::nullopt;
      });
  ASSIGN_OR_RETURN(UniqueFd upper,
                   OpenFile(spec.upper_dir, O_PATH | O_DIRECTORY));
  // Each path comes after its parent: walking backwards empties children
  // before their parents are looked at.
  for (auto it = stubs.rbegin(); it != stubs.rend(); ++it) {
    RETURN_IF_ERROR(RemoveIfStub(upper.get(), *it, image, spec.upper_dir));
  }
  return Status::Ok();
}

}  // namespace mybuild::executor
