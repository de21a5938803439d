#include "executor/mount_stubs.h"

#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <optional>

#include "executor/layer_view.h"

namespace mybuild::executor {
namespace {

bool IsEmpty(const std::string& path, const struct stat& st) {
  if (S_ISREG(st.st_mode)) return st.st_size == 0;
  if (!S_ISDIR(st.st_mode)) return false;
  std::error_code ec;
  return std::filesystem::is_empty(path, ec) && !ec;
}

bool IsOpaque(const std::string& dir) {
  char v[2] = {};
  return ::lgetxattr(dir.c_str(), "trusted.overlay.opaque", v, 1) == 1 &&
         v[0] == 'y';
}

// Whether the upper dir's `path` is only a stub: made for a mount point
// and still empty, or a directory overlayfs copied up to hold one (empty
// again, not opaque, with the lower's mode and owner).
bool IsStub(const std::string& path, const struct stat& st,
            const std::optional<struct stat>& lower) {
  if (!IsEmpty(path, st)) return false;
  if (!lower) return true;
  return S_ISDIR(st.st_mode) && S_ISDIR(lower->st_mode) && !IsOpaque(path) &&
         st.st_mode == lower->st_mode && st.st_uid == lower->st_uid &&
         st.st_gid == lower->st_gid;
}

}  // namespace

Status RemoveMountStubs(const SandboxSpec& spec) {
  LayerView image(spec.lower_dirs);
  const std::vector<std::string> stubs = MountStubPaths(spec);
  // Each path comes after its parent: walking backwards empties children
  // before their parents are looked at.
  for (auto it = stubs.rbegin(); it != stubs.rend(); ++it) {
    std::string path = spec.upper_dir + "/" + *it;
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) continue;
    if (!IsStub(path, st, image.Lstat("/" + *it))) continue;
    int rc =
        S_ISDIR(st.st_mode) ? ::rmdir(path.c_str()) : ::unlink(path.c_str());
    if (rc != 0) return SysError("remove", path, errno);
  }
  return Status::Ok();
}

}  // namespace mybuild::executor
