#include "oci/layer_tree.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "base/fd.h"
#include "oci/overlay_xattrs.h"
#include "oci/xattrs.h"

namespace mybuild::oci {
namespace {

bool IsOpaque(const Xattrs& x) {
  for (const char* key : {"trusted.overlay.opaque", "user.overlay.opaque", "user.fuseoverlayfs.opaque"}) {
    auto it = x.find(key);
    if (it != x.end() && it->second == "y") return true;
  }
  return false;
}

Expected<std::vector<std::string>> SortedNames(int dirfd,
                                               const std::string& what) {
  int dup = ::fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
  if (dup < 0) return SysError("dup", what, errno);
  DIR* d = ::fdopendir(dup);
  if (!d) {
    ::close(dup);
    return SysError("fdopendir", what, errno);
  }
  std::vector<std::string> names;
  errno = 0;
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(std::move(n));
  }
  int err = errno;
  ::closedir(d);
  if (err) return SysError("readdir", what, err);
  std::sort(names.begin(), names.end());
  return names;
}

class TreeWalker {
 public:
  TreeWalker(LayerWriter& w, const std::string& root, const TreeOptions& o)
      : w_(w), root_(root), opts_(o) {}

  Status Walk(int dirfd, const std::string& prefix);

 private:
  TarEntry Base(const std::string& path, const struct stat& st) const {
    TarEntry e;
    e.path = path;
    e.mode = st.st_mode & 07777;
    e.uid = st.st_uid;
    e.gid = st.st_gid;
    e.mtime = st.st_mtim.tv_sec;
    if (opts_.max_mtime >= 0) e.mtime = std::min(e.mtime, opts_.max_mtime);
    return e;
  }
  std::string Host(const std::string& path) const { return root_ + "/" + path; }
  Status AddOne(int dirfd, const std::string& name, const std::string& path);
  Status AddDir(int dirfd, const std::string& name, TarEntry e);
  Status AddFile(int dirfd, const std::string& name, TarEntry e);
  Status KeepXattrs(int dirfd, const std::string& name, TarEntry* e) const;

  LayerWriter& w_;
  std::string root_;
  TreeOptions opts_;
  std::map<std::pair<dev_t, ino_t>, std::string> inodes_;
};

// fuse-overlayfs' upper dir, where it could not make a 0:0 device: a file
// ".wh.X" is the whiteout of X; ".wh..wh..opq" (and its own ".wh..opq")
// makes its directory opaque.
constexpr char kFuseWhiteout[] = ".wh.";
constexpr char kFuseOpaque[] = ".wh..wh..opq";
constexpr char kFuseOwnOpaque[] = ".wh..opq";

Status TreeWalker::Walk(int dirfd, const std::string& prefix) {
  ASSIGN_OR_RETURN(auto names, SortedNames(dirfd, Host(prefix)));
  // Each entry in the order of the name it stands for, so a ".wh.X" file
  // lands where the kernel's whiteout device X would.
  std::vector<std::pair<std::string, std::string>> order;
  for (auto& name : names) {
    std::string shown = name;
    if (opts_.overlay_whiteouts && UpperMayHoldFuseOverlayfsMarks() &&
        name.starts_with(kFuseWhiteout)) {
      if (name == kFuseOpaque || name == kFuseOwnOpaque) continue;  // AddDir has seen it
      shown = name.substr(sizeof kFuseWhiteout - 1);
    }
    order.emplace_back(std::move(shown), std::move(name));
  }
  std::sort(order.begin(), order.end());
  for (const auto& [shown, name] : order) {
    const std::string path = prefix.empty() ? shown : prefix + "/" + shown;
    if (shown != name) {
      struct stat st;
      if (::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        return SysError("lstat", Host(prefix.empty() ? name : prefix + "/" + name), errno);
      }
      RETURN_IF_ERROR(w_.AddWhiteout(path, Base(path, st)));
      continue;
    }
    RETURN_IF_ERROR(AddOne(dirfd, name, path));
  }
  return Status::Ok();
}

Status TreeWalker::KeepXattrs(int dirfd, const std::string& name,
                              TarEntry* e) const {
  ASSIGN_OR_RETURN(Xattrs all, ReadXattrsAt(dirfd, name, Host(e->path)));
  for (auto& [k, v] : all) {
    if (IsLayerXattr(k)) e->xattrs[k] = v;
  }
  return Status::Ok();
}

Status TreeWalker::AddOne(int dirfd, const std::string& name,
                          const std::string& path) {
  struct stat st;
  if (::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    return SysError("lstat", Host(path), errno);
  }
  TarEntry e = Base(path, st);
  if (S_ISSOCK(st.st_mode)) return Status::Ok();
  if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0) &&
      opts_.overlay_whiteouts) {
    return w_.AddWhiteout(path, e);
  }
  if (S_ISDIR(st.st_mode)) return AddDir(dirfd, name, std::move(e));
  if (st.st_nlink > 1) {
    auto [it, first] = inodes_.emplace(std::pair(st.st_dev, st.st_ino), path);
    if (!first) {
      e.type = EntryType::kHardlink;
      e.link_target = it->second;
      return w_.Add(e);
    }
  }
  if (S_ISREG(st.st_mode)) {
    e.size = st.st_size;
    return AddFile(dirfd, name, std::move(e));
  }
  RETURN_IF_ERROR(KeepXattrs(dirfd, name, &e));
  if (S_ISLNK(st.st_mode)) {
    e.type = EntryType::kSymlink;
    std::string target(st.st_size + 1, '\0');
    ssize_t n = ::readlinkat(dirfd, name.c_str(), target.data(), target.size());
    if (n < 0) return SysError("readlink", Host(path), errno);
    target.resize(n);
    e.link_target = target;
  } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
    e.type = S_ISCHR(st.st_mode) ? EntryType::kCharDevice
                                 : EntryType::kBlockDevice;
    e.dev_major = major(st.st_rdev);
    e.dev_minor = minor(st.st_rdev);
  } else if (S_ISFIFO(st.st_mode)) {
    e.type = EntryType::kFifo;
  }
  return w_.Add(e);
}

Status TreeWalker::AddDir(int dirfd, const std::string& name, TarEntry e) {
  e.type = EntryType::kDir;
  int fd = ::openat(dirfd, name.c_str(),
                    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return SysError("open", Host(e.path), errno);
  UniqueFd child(fd);
  ASSIGN_OR_RETURN(Xattrs all, ReadXattrsFd(child.get(), Host(e.path)));
  for (auto& [k, v] : all) {
    if (IsLayerXattr(k)) e.xattrs[k] = v;
  }
  RETURN_IF_ERROR(w_.Add(e));
  struct stat marker;
  const bool fuse_opaque =
      opts_.overlay_whiteouts && UpperMayHoldFuseOverlayfsMarks() &&
      (::fstatat(child.get(), kFuseOpaque, &marker, AT_SYMLINK_NOFOLLOW) == 0 ||
       ::fstatat(child.get(), kFuseOwnOpaque, &marker, AT_SYMLINK_NOFOLLOW) == 0);
  if (opts_.overlay_whiteouts && (IsOpaque(all) || fuse_opaque)) {
    RETURN_IF_ERROR(w_.AddOpaque(e.path, e));
  }
  return Walk(child.get(), e.path);
}

Status TreeWalker::AddFile(int dirfd, const std::string& name, TarEntry e) {
  int fd = ::openat(dirfd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return SysError("open", Host(e.path), errno);
  UniqueFd file(fd);
  ASSIGN_OR_RETURN(Xattrs all, ReadXattrsFd(file.get(), Host(e.path)));
  for (auto& [k, v] : all) {
    if (IsLayerXattr(k)) e.xattrs[k] = v;
  }
  return w_.AddFromFd(e, file.get());
}

}  // namespace

Status AddTree(LayerWriter& w, const std::string& root,
               const TreeOptions& options) {
  ASSIGN_OR_RETURN(UniqueFd fd,
                   OpenFile(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW));
  TreeWalker walker(w, root, options);
  return walker.Walk(fd.get(), "");
}

}  // namespace mybuild::oci
