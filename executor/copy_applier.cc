#include "executor/copy_applier.h"

#include <dirent.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <map>
#include <set>

#include "base/fd.h"
#include "executor/archive_extract.h"
#include "executor/copy_file.h"
#include "oci/xattrs.h"

namespace mybuild::executor {
namespace {

namespace fs = std::filesystem;

struct Owner {
  uint32_t uid, gid;
};

// The names in `dir`, sorted, without fifos, sockets and devices: a copied
// directory leaves them out, as BuildKit's does (only a source named on its
// own that is one is an error).
Expected<std::vector<std::string>> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), ::closedir);
  if (!d) return SysError("opendir", dir, errno);
  while (struct dirent* e = ::readdir(d.get())) {
    std::string n = e->d_name;
    if (n == "." || n == "..") continue;
    if (e->d_type == DT_FIFO || e->d_type == DT_SOCK || e->d_type == DT_CHR ||
        e->d_type == DT_BLK) {
      continue;
    }
    names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Status SetTime(const std::string& path, struct timespec t) {
  struct timespec times[2] = {t, t};
  if (::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0) {
    return SysError("utimensat", path, errno);
  }
  return Status::Ok();
}

Status SetMeta(const std::string& path, const struct stat& src, Owner owner,
               std::optional<mode_t> mode) {
  if (::lchown(path.c_str(), owner.uid, owner.gid) != 0) {
    return SysError("lchown", path, errno);
  }
  if (!S_ISLNK(src.st_mode)) {
    mode_t m = mode ? *mode : (src.st_mode & 07777);
    if (::chmod(path.c_str(), m) != 0) return SysError("chmod", path, errno);
  }
  return SetTime(path, src.st_mtim);
}

// The extended attributes of `from` (file capabilities, user.*) onto `to`,
// except overlayfs' own and SELinux labels, which belong to this host, and
// file capabilities unless `capabilities`.
Status CopyXattrs(const std::string& from, const std::string& to,
                  bool capabilities) {
  ASSIGN_OR_RETURN(oci::Xattrs attrs, oci::ReadXattrsAt(AT_FDCWD, from, from));
  for (const auto& [key, value] : attrs) {
    if (oci::IsHostXattr(key)) continue;
    if (!capabilities && key == oci::kCapabilityXattr) continue;
    bool unsupported = false;
    RETURN_IF_ERROR(oci::SetXattrAt(AT_FDCWD, to, key, value, to, &unsupported));
  }
  return Status::Ok();
}

// The mtime of a directory StageDirectory makes: the image's when the image
// has it (existing parents stay untouched), else the time of the step, as
// BuildKit gives the directories its copy makes.
struct timespec StagedTime(const LayerView& image, const std::string& path) {
  std::optional<struct stat> st = image.Lstat(path);
  if (st && S_ISDIR(st->st_mode)) return st->st_mtim;
  struct timespec now;
  ::clock_gettime(CLOCK_REALTIME, &now);
  return now;
}

// "/a", "/a/b", ... for the absolute `dir`; none for "/".
std::vector<std::string> Prefixes(const std::string& dir) {
  std::vector<std::string> out;
  std::string path;
  for (const auto& part : fs::path(dir)) {
    if (part == "/" || part.empty()) continue;
    path += "/" + part.string();
    out.push_back(path);
  }
  return out;
}

std::string Join(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + "/" + b;
}

class Copier {
 public:
  Copier(const CopyRequest& req, const LayerView& image,
         const std::string& staging)
      : req_(req),
        image_(image),
        staging_(staging),
        chown_(req.uid || req.gid),
        owner_{req.uid.value_or(0), req.gid.value_or(0)} {}

  Status Run() {
    // Symlinks on the way to the destination, the last one too, are
    // followed inside the image, as BuildKit's in-root resolution does.
    ASSIGN_OR_RETURN(std::string resolved, image_.Resolve(req_.dest));
    const std::string dest = "/" + resolved;
    bool dest_is_dir = req_.dest.back() == '/' || req_.parents;
    std::optional<struct stat> existing = image_.Lstat(dest);
    if (existing && S_ISDIR(existing->st_mode)) dest_is_dir = true;
    if (req_.items.size() > 1 && !dest_is_dir) {
      return InvalidArgument("When using " + req_.what +
                             " with more than one source file, the destination "
                             "must be a directory and end with a /");
    }
    for (const CopyItem& item : req_.items)
      RETURN_IF_ERROR(Item(item, dest, dest_is_dir));
    // What was copied into the staged directories changed their mtimes.
    for (const std::string& dir : staged_)
      RETURN_IF_ERROR(SetTime(Host(dir), StagedTime(image_, dir)));
    return Status::Ok();
  }

 private:
  std::string Host(const std::string& image_path) const {
    return image_path == "/" ? staging_ : staging_ + image_path;
  }

  // `dir` and its parents, made as BuildKit's MkdirAll makes them: owned by
  // --chown (else root); those the image has keep their metadata.
  Status Stage(const std::string& dir) {
    RETURN_IF_ERROR(
        StageDirectory(dir, image_, staging_, owner_.uid, owner_.gid));
    for (std::string& p : Prefixes(dir)) staged_.insert(std::move(p));
    return Status::Ok();
  }

  // --chown, else the source's owner for a stage's files and root for the
  // rest (the context, downloads, heredocs), as BuildKit's context transfer
  // makes every file root's.
  Owner OwnerOf(const struct stat& st) const {
    if (chown_ || !req_.keep_owners) return owner_;
    return {st.st_uid, st.st_gid};
  }

  // Whether copies keep file capabilities: a stage's files do (fsutil's
  // copy sets xattrs after chown), the context's do not: BuildKit's
  // transfer of the context (fsutil's DiskWriter) sets xattrs before its
  // chown, and chown clears security.capability.
  bool Capabilities() const { return req_.keep_owners; }

  Status Item(const CopyItem& item, const std::string& dest, bool dest_is_dir) {
    std::string from = Join(item.root, item.rel);
    struct stat st;
    if (::lstat(from.c_str(), &st) != 0) return SysError("lstat", from, errno);
    const std::string ctx = item.context ? item.rel : "";
    if (item.unpack) {
      RETURN_IF_ERROR(Stage(dest));
      return ExtractArchive(from, Host(dest), req_.uid, req_.gid);
    }
    // --exclude sees a file source by its name.
    const std::string name =
        item.name.empty() ? fs::path(item.rel).filename().string() : item.name;
    if (!S_ISDIR(st.st_mode) && req_.exclude.Excluded(name))
      return Status::Ok();
    if (req_.parents) {
      std::string target =
          dest == "/" ? "/" + item.keep : dest + "/" + item.keep;
      if (S_ISDIR(st.st_mode)) return Contents(item, from, ctx, target);
      RETURN_IF_ERROR(Stage(fs::path(target).parent_path()));
      return Entry(from, name, ctx, Host(target));
    }
    if (S_ISDIR(st.st_mode)) return Contents(item, from, ctx, dest);
    std::string target =
        dest_is_dir ? (dest == "/" ? "" : dest) + "/" + name : dest;
    RETURN_IF_ERROR(Stage(fs::path(target).parent_path()));
    return Entry(from, name, ctx, Host(target));
  }

  // A directory source: its contents into `target` (absolute in the image).
  Status Contents(const CopyItem& item, const std::string& from,
                  const std::string& ctx, const std::string& target) {
    RETURN_IF_ERROR(Stage(target));
    ASSIGN_OR_RETURN(std::vector<std::string> names, ListDir(from));
    for (const std::string& n : names) {
      if (item.context && req_.excluded && req_.excluded(Join(ctx, n)))
        continue;
      if (req_.exclude.Excluded(n)) continue;
      RETURN_IF_ERROR(Entry(from + "/" + n, n, item.context ? Join(ctx, n) : "",
                            Join(Host(target), n)));
    }
    return Status::Ok();
  }

  // Copies one entry (file, symlink or whole directory) to the host path
  // `to`. `rel` is its path below the source (for --exclude), `ctx` below
  // the context ("" outside it).
  Status Entry(const std::string& from, const std::string& rel,
               const std::string& ctx, const std::string& to) {
    struct stat st, old;
    if (::lstat(from.c_str(), &st) != 0) return SysError("lstat", from, errno);
    if (S_ISREG(st.st_mode)) return File(from, to, st);
    // A later source replaces what an earlier one put here (dirs merge).
    if (::lstat(to.c_str(), &old) == 0 &&
        !(S_ISDIR(old.st_mode) && S_ISDIR(st.st_mode))) {
      RETURN_IF_ERROR(RemoveAll(to));
    }
    if (S_ISLNK(st.st_mode)) {
      std::error_code ec;
      fs::path target = fs::read_symlink(from, ec);
      if (ec) return SysError("readlink", from, ec.value());
      if (::symlink(target.c_str(), to.c_str()) != 0)
        return SysError("symlink", to, errno);
    } else if (S_ISDIR(st.st_mode)) {
      // Takes the source's metadata below, over what staging gave it.
      staged_.erase(to.substr(staging_.size()));
      if (::mkdir(to.c_str(), 0700) != 0 && errno != EEXIST)
        return SysError("mkdir", to, errno);
      ASSIGN_OR_RETURN(std::vector<std::string> names, ListDir(from));
      for (const std::string& n : names) {
        std::string child_ctx = ctx.empty() ? "" : ctx + "/" + n;
        if (!ctx.empty() && req_.excluded && req_.excluded(child_ctx)) continue;
        if (req_.exclude.Excluded(rel + "/" + n)) continue;
        RETURN_IF_ERROR(
            Entry(from + "/" + n, rel + "/" + n, child_ctx, to + "/" + n));
      }
    } else {
      return InvalidArgument(req_.what + " failed: \"" + rel +
                             "\" is not a file, directory or symlink");
    }
    std::optional<mode_t> mode;
    if (req_.chmod && !S_ISLNK(st.st_mode))
      mode = req_.chmod->Apply(st.st_mode, S_ISDIR(st.st_mode));
    RETURN_IF_ERROR(SetMeta(to, st, OwnerOf(st), mode));
    return CopyXattrs(from, to, Capabilities());  // after chown: it drops them
  }

  // A regular file, or a hard link to the copy of its inode made before.
  Status File(const std::string& from, const std::string& to,
              const struct stat& st) {
    auto key = std::make_pair(st.st_dev, st.st_ino);
    auto seen = st.st_nlink > 1 ? links_.find(key) : links_.end();
    if (seen != links_.end()) return LinkReplacing(seen->second, to);
    mode_t mode = req_.chmod ? req_.chmod->Apply(st.st_mode, false)
                             : (st.st_mode & 07777);
    Owner owner = OwnerOf(st);
    RETURN_IF_ERROR(CopyRegular(from, to, st, owner.uid, owner.gid, mode,
                                 Capabilities()));
    if (st.st_nlink > 1) links_[key] = to;
    return Status::Ok();
  }

  const CopyRequest& req_;
  const LayerView& image_;
  const std::string& staging_;
  bool chown_;
  Owner owner_;
  std::set<std::string> staged_;  // image paths Stage made or kept
  std::map<std::pair<dev_t, ino_t>, std::string>
      links_;  // first copy of each inode
};

}  // namespace

Status StageDirectory(const std::string& dir, const LayerView& image,
                      const std::string& staging, uint32_t uid, uint32_t gid) {
  const std::vector<std::string> paths = Prefixes(dir);
  for (const std::string& path : paths) {
    std::string host = staging + path;
    if (::mkdir(host.c_str(), 0755) != 0 && errno != EEXIST) {
      return SysError("mkdir", host, errno);
    }
    // What is there already (an earlier source's) must be a directory: a
    // link would lead everything below, and the chmod here, to where it
    // points on the host. Each prefix checked so, none is followed.
    struct stat made;
    if (::lstat(host.c_str(), &made) != 0) return SysError("lstat", host, errno);
    if (!S_ISDIR(made.st_mode)) return SysError("mkdir", host, ENOTDIR);
    std::optional<struct stat> st = image.Lstat(path);
    if (st && S_ISDIR(st->st_mode)) {
      RETURN_IF_ERROR(
          SetMeta(host, *st, {st->st_uid, st->st_gid}, std::nullopt));
    } else {
      struct stat fresh = {};
      fresh.st_mode = S_IFDIR | 0755;
      RETURN_IF_ERROR(SetMeta(host, fresh, {uid, gid}, std::nullopt));
    }
  }
  // Each mkdir above changed its parent's mtime: set them again.
  for (const std::string& path : paths)
    RETURN_IF_ERROR(SetTime(staging + path, StagedTime(image, path)));
  return Status::Ok();
}

Status ApplyCopy(const CopyRequest& req, const LayerView& image,
                 const std::string& staging) {
  return Copier(req, image, staging).Run();
}

}  // namespace mybuild::executor
