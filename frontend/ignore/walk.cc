#include "frontend/ignore/walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <utility>
#include <vector>

#include "base/fd.h"

namespace mybuild::frontend::ignore {
namespace {

struct Child {
  std::string name;
  unsigned char d_type;
};

EntryType TypeOf(int dir_fd, const Child& child) {
  unsigned char t = child.d_type;
  if (t == DT_UNKNOWN) {
    struct stat st;
    if (::fstatat(dir_fd, child.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      return EntryType::kOther;  // vanished; reported as what it now is
    }
    if (S_ISDIR(st.st_mode)) return EntryType::kDir;
    if (S_ISREG(st.st_mode)) return EntryType::kFile;
    if (S_ISLNK(st.st_mode)) return EntryType::kSymlink;
    return EntryType::kOther;
  }
  if (t == DT_DIR) return EntryType::kDir;
  if (t == DT_REG) return EntryType::kFile;
  if (t == DT_LNK) return EntryType::kSymlink;
  return EntryType::kOther;
}

class Walker {
 public:
  Walker(const std::string& root, const Matcher& matcher,
         const ContextVisitor& visit)
      : root_(root), matcher_(matcher), visit_(visit) {}

  Status Walk(int dir_fd, const std::string& rel) {
    ASSIGN_OR_RETURN(std::vector<Child> children, List(dir_fd, rel));
    for (const Child& child : children) {
      const std::string path =
          rel.empty() ? child.name : rel + "/" + child.name;
      const EntryType type = TypeOf(dir_fd, child);
      const bool excluded = matcher_.Excluded(path);
      if (!excluded) {
        RETURN_IF_ERROR(FlushPending());
        RETURN_IF_ERROR(visit_({path, type}));
      }
      if (type != EntryType::kDir) continue;
      if (excluded && !matcher_.MayReincludeUnder(path)) continue;
      if (excluded) pending_.push_back({path, type});
      const int fd = ::openat(dir_fd, child.name.c_str(),
                              O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0) return SysError("open", Absolute(path), errno);
      UniqueFd child_fd(fd);
      RETURN_IF_ERROR(Walk(child_fd.get(), path));
      if (!pending_.empty() && pending_.back().path == path)
        pending_.pop_back();
    }
    return Status::Ok();
  }

  std::string Absolute(const std::string& rel) const {
    return rel.empty() ? root_ : root_ + "/" + rel;
  }

 private:
  // Reads the names in one directory, sorted; `dir_fd` stays open.
  Expected<std::vector<Child>> List(int dir_fd, const std::string& rel) {
    const int dup_fd = ::fcntl(dir_fd, F_DUPFD_CLOEXEC, 0);
    if (dup_fd < 0) return SysError("dup", Absolute(rel), errno);
    DIR* dir = ::fdopendir(dup_fd);
    if (dir == nullptr) {
      const int err = errno;
      ::close(dup_fd);
      return SysError("opendir", Absolute(rel), err);
    }
    std::vector<Child> children;
    errno = 0;
    while (const struct dirent* e = ::readdir(dir)) {
      const std::string_view name = e->d_name;
      if (name != "." && name != "..") {
        children.push_back({std::string(name), e->d_type});
      }
      errno = 0;
    }
    const int err = errno;
    ::closedir(dir);
    if (err != 0) return SysError("readdir", Absolute(rel), err);
    std::sort(children.begin(), children.end(),
              [](const Child& a, const Child& b) { return a.name < b.name; });
    return children;
  }

  Status FlushPending() {
    for (const ContextEntry& dir : pending_) RETURN_IF_ERROR(visit_(dir));
    pending_.clear();
    return Status::Ok();
  }

  const std::string& root_;
  const Matcher& matcher_;
  const ContextVisitor& visit_;
  std::vector<ContextEntry> pending_;  // excluded dirs not yet reported
};

}  // namespace

Status WalkContext(const std::string& context_dir, const Matcher& matcher,
                   const ContextVisitor& visit) {
  const int fd =
      ::open(context_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return SysError("open", context_dir, errno);
  UniqueFd root(fd);
  Walker walker(context_dir, matcher, visit);
  return walker.Walk(root.get(), "");
}

bool HiddenFromContext(const std::string& context_dir, const Matcher& matcher,
                       const std::string& path) {
  if (path.empty() || path == "." || !matcher.Excluded(path)) return false;
  if (!matcher.MayReincludeUnder(path)) return true;
  // Opened a component at a time, never through a symlink.
  int fd = ::open(context_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return true;
  UniqueFd dir(fd);
  for (size_t start = 0; start <= path.size();) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string name = path.substr(start, end - start);
    fd = ::openat(dir.get(), name.c_str(),
                  O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return true;
    dir = UniqueFd(fd);
    start = end + 1;
  }
  bool found = false;
  const ContextVisitor stop = [&found](const ContextEntry&) {
    found = true;
    return Status(ErrorCode::kCancelled, "found");  // ends the walk
  };
  Walker walker(context_dir, matcher, stop);
  (void)walker.Walk(dir.get(), path);
  return !found;
}

}  // namespace mybuild::frontend::ignore
