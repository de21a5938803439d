#include "executor/archive_extract.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

#include "base/fd.h"
#include "executor/root_path.h"
#include "oci/safe_root.h"
#include "oci/tar_entry.h"
#include "oci/tar_error.h"
#include "oci/tar_stream.h"
#include "oci/xattrs.h"

namespace mybuild::executor {
namespace {

// Reads `path` through oci::TarStream, which refuses NUL bytes in PAX and
// GNU long names that libarchive would cut short.
struct Archive {
  UniqueFd fd;
  std::unique_ptr<oci::TarStream> stream;
  struct archive* get() const { return stream->tar(); }
};

Expected<Archive> Open(const std::string& path) {
  Archive a;
  ASSIGN_OR_RETURN(a.fd, OpenFile(path, O_RDONLY));
  Expected<std::unique_ptr<oci::TarStream>> stream = oci::TarStream::Open(a.fd.get(), true);
  if (!stream.ok()) {
    return InvalidArgument("open archive \"" + path + "\": " + stream.status().message());
  }
  a.stream = std::move(*stream);
  return a;
}

// Whether a component of clean `name` starts with ".wh.": it would be read
// as a whiteout once the layer is exported (see oci::LayerWriter).
bool HasWhiteoutName(const std::string& name) {
  for (const auto& c : std::filesystem::path(name)) {
    if (c.string().starts_with(oci::kWhiteoutPrefix)) return true;
  }
  return false;
}

// The entry's name, clean and relative; "" when it is the root.
Expected<std::string> CleanName(const char* raw) {
  std::string name = raw ? raw : "";
  std::string clean =
      std::filesystem::path("/" + name).lexically_normal().relative_path();
  std::string lexical = std::filesystem::path(name).lexically_normal();
  if (lexical == ".." || lexical.rfind("../", 0) == 0) {
    return InvalidArgument("path escapes the destination");
  }
  while (!clean.empty() && clean.back() == '/') clean.pop_back();
  return clean == "." ? "" : clean;
}

class Extractor {
 public:
  Extractor(oci::SafeRoot root, std::optional<uint32_t> uid,
            std::optional<uint32_t> gid)
      : root_(std::move(root)), uid_(uid), gid_(gid) {}

  // Errors leave naming the entry to the caller.
  Status Apply(struct archive* a, struct archive_entry* e) {
    ASSIGN_OR_RETURN(std::string name, CleanName(archive_entry_pathname(e)));
    mode_t type = archive_entry_filetype(e);
    if (name.empty()) {
      if (type == AE_IFDIR && !archive_entry_hardlink(e)) return Status::Ok();
      return InvalidArgument("only a directory can name the root");
    }
    if (HasWhiteoutName(name)) {
      return InvalidArgument("\".wh.\" names are whiteouts, refused in ADD");
    }
    std::filesystem::path p(name);
    ASSIGN_OR_RETURN(UniqueFd parent,
                     OpenInRoot(root_, p.parent_path().string(), true, true));
    const std::string base = p.filename();
    struct stat st;
    bool exists =
        ::fstatat(parent.get(), base.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
    if (exists && !(type == AE_IFDIR && S_ISDIR(st.st_mode))) {
      RETURN_IF_ERROR(oci::RemoveAt(parent.get(), base, "/" + name));
    }
    bool device = (type == AE_IFCHR || type == AE_IFBLK) && !archive_entry_hardlink(e);
    if (!device) {
      RETURN_IF_ERROR(
          Create(a, e, parent.get(), base, name, exists && type == AE_IFDIR));
    } else if (::mknodat(parent.get(), base.c_str(), type | 0600, archive_entry_rdev(e)) != 0) {
      // Without CAP_MKNOD (a rootless build's user namespace) a device node
      // cannot be made: it is left out, as Docker and podman do there.
      if (errno == EPERM) return Status::Ok();
      return SysError("create", "/" + name, errno);
    }
    return Meta(e, parent.get(), base, name);
  }

  // Directory mtimes, once their contents are in place.
  Status Finish() {
    for (auto it = dir_times_.rbegin(); it != dir_times_.rend(); ++it) {
      auto fd = OpenInRoot(root_, it->first, false, true);
      if (!fd.ok()) continue;
      struct timespec t[2] = {it->second, it->second};
      ::utimensat(AT_FDCWD, FdPath(fd->get()).c_str(), t, 0);
    }
    return Status::Ok();
  }

 private:
  Status Create(struct archive* a, struct archive_entry* e, int parent,
                const std::string& base, const std::string& name,
                bool kept_dir) {
    mode_t type = archive_entry_filetype(e);
    mode_t perm = archive_entry_perm(e);
    if (const char* link = archive_entry_hardlink(e)) {
      Expected<std::string> target = CleanName(link);
      if (!target.ok()) {
        return InvalidArgument("hardlink target \"" + std::string(link) +
                               "\" escapes the destination");
      }
      Expected<UniqueFd> fd = OpenInRoot(root_, *target, false, false);
      if (!fd.ok()) {
        return fd.status().WithPrefix("hardlink to \"" + *target + "\"");
      }
      if (::linkat(fd->get(), "", parent, base.c_str(), AT_EMPTY_PATH) != 0) {
        return SysError("link", "/" + name, errno);
      }
      return Status::Ok();
    }
    int rc = 0;
    switch (type) {
      case AE_IFDIR:
        rc = kept_dir ? 0 : ::mkdirat(parent, base.c_str(), 0700);
        break;
      case AE_IFLNK:
        rc = ::symlinkat(archive_entry_symlink(e), parent, base.c_str());
        break;
      case AE_IFREG: {
        int fd = ::openat(parent, base.c_str(),
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          0600);
        if (fd < 0) return SysError("create", "/" + name, errno);
        UniqueFd out(fd);
        return Copy(a, out.get(), "/" + name);
      }
      case AE_IFIFO:
        rc =
            ::mknodat(parent, base.c_str(), type | perm, archive_entry_rdev(e));
        break;
      default:
        return InvalidArgument("unsupported file type");
    }
    if (rc != 0) return SysError("create", "/" + name, errno);
    return Status::Ok();
  }

  Status Meta(struct archive_entry* e, int parent, const std::string& base,
              const std::string& name) {
    if (archive_entry_hardlink(e)) return Status::Ok();
    mode_t type = archive_entry_filetype(e);
    uid_t uid = uid_ ? *uid_ : static_cast<uid_t>(archive_entry_uid(e));
    gid_t gid = gid_ ? *gid_ : static_cast<gid_t>(archive_entry_gid(e));
    if (::fchownat(parent, base.c_str(), uid, gid, AT_SYMLINK_NOFOLLOW) != 0) {
      return SysError("chown", "/" + name, errno);
    }
    if (type != AE_IFLNK && ::fchmodat(parent, base.c_str(),
                                       archive_entry_mode(e) & 07777, 0) != 0) {
      return SysError("chmod", "/" + name, errno);
    }
    RETURN_IF_ERROR(Xattrs(e, parent, base, name));
    struct timespec mtime = {archive_entry_mtime(e),
                             archive_entry_mtime_nsec(e)};
    if (type == AE_IFDIR) {
      dir_times_.emplace_back(name, mtime);
      return Status::Ok();
    }
    struct timespec t[2] = {mtime, mtime};
    if (::utimensat(parent, base.c_str(), t, AT_SYMLINK_NOFOLLOW) != 0) {
      return SysError("utimensat", "/" + name, errno);
    }
    return Status::Ok();
  }

  // The entry's content into `fd`, every byte counted against the budget
  // (sparse holes too, which are written out).
  Status Copy(struct archive* a, int fd, const std::string& what) {
    std::vector<char> buf(1 << 16);
    while (true) {
      la_ssize_t n = archive_read_data(a, buf.data(), buf.size());
      if (n < 0) return InvalidArgument(oci::ArchiveErrorString(a));
      if (n == 0) return Status::Ok();
      content_ += n;
      RETURN_IF_ERROR(Expanded(a));
      RETURN_IF_ERROR(WriteAll(fd, std::string_view(buf.data(), n), what));
    }
  }

  // After chown, which drops security.capability.
  Status Xattrs(struct archive_entry* e, int parent, const std::string& base,
                const std::string& name) {
    archive_entry_xattr_reset(e);
    const char* key;
    const void* value;
    size_t size;
    while (archive_entry_xattr_next(e, &key, &value, &size) == ARCHIVE_OK) {
      if (oci::IsHostXattr(key)) continue;
      bool unsupported = false;
      RETURN_IF_ERROR(oci::SetXattrAt(
          parent, base, key,
          std::string(static_cast<const char*>(value), size), "/" + name,
          &unsupported));
    }
    return Status::Ok();
  }

 public:
  explicit Extractor(oci::SafeRoot root, const ExtractOptions& o,
                     int64_t archive_bytes)
      : Extractor(std::move(root), o.uid, o.gid) {
    budget_.emplace(o.limits, archive_bytes);
  }
  oci::TarBudget& budget() { return *budget_; }
  Status Expanded(struct archive* a) {
    Status st =
        budget_->Expanded(std::max(archive_filter_bytes(a, 0), content_));
    over_budget_ = !st.ok();
    return st;
  }
  // Whether the last error was Expanded's (which names the entry itself).
  bool over_budget() const { return over_budget_; }

 private:
  std::optional<oci::TarBudget> budget_;
  int64_t content_ = 0;
  bool over_budget_ = false;
  oci::SafeRoot root_;
  std::optional<uint32_t> uid_, gid_;
  std::vector<std::pair<std::string, struct timespec>> dir_times_;
};

}  // namespace

bool IsArchive(const std::string& path) {
  auto a = Open(path);
  if (!a.ok()) return false;
  struct archive_entry* e = nullptr;
  return archive_read_next_header(a->get(), &e) == ARCHIVE_OK;
}

namespace {

Status Extract(const std::string& path, const std::string& dir,
               const ExtractOptions& options) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return SysError("stat", path, errno);
  ASSIGN_OR_RETURN(Archive a, Open(path));
  ASSIGN_OR_RETURN(oci::SafeRoot root, oci::SafeRoot::Open(dir));
  Extractor x(std::move(root), options, st.st_size);
  for (;;) {
    struct archive_entry* e = nullptr;
    int rc = archive_read_next_header(a.get(), &e);
    if (rc == ARCHIVE_EOF) break;
    const std::string at = "entry " + std::to_string(x.budget().entry() + 1);
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
      return InvalidArgument(at + ": " + oci::ArchiveErrorString(a.get()));
    }
    const char* link = archive_entry_hardlink(e);
    if (!link) link = archive_entry_symlink(e);
    const char* name = archive_entry_pathname(e);
    RETURN_IF_ERROR(x.budget().Entry(name ? name : "", link ? link : ""));
    RETURN_IF_ERROR(x.Expanded(a.get()));
    Status applied = x.Apply(a.get(), e);
    if (!applied.ok()) {
      if (x.over_budget()) return applied;
      return applied.WithPrefix(at + " \"" + (name ? name : "") + "\"");
    }
  }
  return x.Finish();
}

}  // namespace

Status ExtractArchive(const std::string& path, const std::string& dir,
                      const ExtractOptions& options) {
  Status st = Extract(path, dir, options);
  if (st.ok()) return st;
  return st.WithPrefix("ADD " +
                       std::filesystem::path(path).filename().string());
}

}  // namespace mybuild::executor
