#include "executor/layer_view.h"

#include <sys/sysmacros.h>
#include <sys/xattr.h>

#include <cerrno>

#include "base/in_root_path.h"
#include "oci/overlay_xattrs.h"

namespace mybuild::executor {
namespace {

bool IsWhiteout(const struct stat& st) {
  return S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0);
}

bool IsOpaque(int dir_fd) {
  char v[2] = {0, 0};
  ssize_t n = ::fgetxattr(dir_fd, oci::OverlayOpaqueXattr().c_str(), v, 1);
  return n == 1 && v[0] == 'y';
}

// What one layer says of `parts`.
enum class Seen { kFound, kHidden, kAbsent, kAbsentOpaque };

// Walks `parts` down `layer` from its fd `cur`; on kFound, `cur` is the
// entry's directory and `st` its lstat.
Seen Walk(UniqueFd& cur, const std::vector<std::string>& parts,
          struct stat* st) {
  bool opaque = false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const char* name = parts[i].c_str();
    if (::fstatat(cur.get(), name, st, AT_SYMLINK_NOFOLLOW) != 0) break;
    if (IsWhiteout(*st)) return Seen::kHidden;
    if (i + 1 == parts.size()) return Seen::kFound;
    if (!S_ISDIR(st->st_mode)) return Seen::kHidden;  // a file, not a dir
    int fd = ::openat(cur.get(), name,
                      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) break;
    cur.Reset(fd);
    if (IsOpaque(cur.get())) opaque = true;
  }
  return opaque ? Seen::kAbsentOpaque : Seen::kAbsent;
}

}  // namespace

std::optional<LayerView::Entry> LayerView::Find(const std::string& path) const {
  std::vector<std::string> parts = SplitInRoot(path);
  for (const std::string& layer : layers_) {
    int fd = ::open(layer.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) continue;
    Entry e{UniqueFd(fd), parts.empty() ? "." : parts.back(), {}, layer};
    Seen seen = parts.empty()
                    ? (::fstat(fd, &e.st) == 0 ? Seen::kFound : Seen::kAbsent)
                    : Walk(e.dir, parts, &e.st);
    if (seen == Seen::kFound) return e;
    // A whiteout or opaque dir on the way down hides lower layers; the
    // top-most layer alone stands for the image's root.
    if (seen != Seen::kAbsent || parts.empty()) return std::nullopt;
  }
  return std::nullopt;
}

std::optional<struct stat> LayerView::Lstat(const std::string& path) const {
  std::optional<Entry> e = Find(path);
  if (!e) return std::nullopt;
  return e->st;
}

Expected<std::string> LayerView::ReadSmallFile(const std::string& path) const {
  // Links on the way (/etc -> private/etc) are followed inside the view.
  ASSIGN_OR_RETURN(std::string resolved, Resolve(path));
  std::optional<Entry> e = Find("/" + resolved);
  if (!e || !S_ISREG(e->st.st_mode)) return std::string();
  const std::string shown = e->layer + "/" + resolved;
  if (static_cast<size_t>(e->st.st_size) > kMaxSmallFile) {
    return InvalidArgument(shown + ": " + std::to_string(e->st.st_size) +
                           " bytes, over the 16 MiB this file may hold");
  }
  int fd = ::openat(e->dir.get(), e->name.c_str(),
                    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return SysError("open", shown, errno);
  UniqueFd file(fd);
  std::string out;
  char buf[8192];
  for (;;) {
    ssize_t n = ::read(file.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("read", shown, errno);
    if (n == 0) return out;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > kMaxSmallFile) {
      return InvalidArgument(shown + ": over the 16 MiB this file may hold");
    }
  }
}

Expected<std::string> LayerView::Resolve(const std::string& path) const {
  const std::string shown = "/" + JoinInRoot(SplitInRoot(path));
  InRootWalk walk;
  walk.step = [&](const std::vector<std::string>& dir, const std::string& name,
                  bool) -> Expected<InRootEntry> {
    std::vector<std::string> at = dir;
    at.push_back(name);
    std::optional<Entry> e = Find(JoinInRoot(at));
    if (!e) return InRootEntry{InRootEntry::kMissing, ""};
    if (!S_ISLNK(e->st.st_mode)) return InRootEntry{InRootEntry::kPresent, ""};
    char buf[4096];
    ssize_t n = ::readlinkat(e->dir.get(), e->name.c_str(), buf, sizeof buf);
    if (n < 0) return SysError("readlink", shown, errno);
    return InRootEntry{InRootEntry::kSymlink,
                       std::string(buf, static_cast<size_t>(n))};
  };
  walk.too_many_links = [&] { return SysError("resolve", shown, ELOOP); };
  return ResolveInRoot(path, walk);
}

}  // namespace mybuild::executor
