#include "cache/scratch_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <memory>
#include <vector>

namespace mybuild::cache {
namespace {

constexpr char kPrefix[] = "build-";

Status Flock(int fd, int op, const std::string& path) {
  while (::flock(fd, op) != 0) {
    if (errno != EINTR) return SysError("flock", path, errno);
  }
  return Status::Ok();
}

}  // namespace

Expected<ScratchDir> ScratchDir::Create(const StorePaths& store) {
  const std::string tmp = StorePaths(store.root()).TmpDir();
  RETURN_IF_ERROR(MakeDirs(tmp));
  std::string tmpl = tmp + "/new-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) return SysError("mkdtemp", tmpl, errno);
  std::string fresh = buf.data();
  UniqueFd lock(::open(fresh.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!lock.valid()) return SysError("open", fresh, errno);
  RETURN_IF_ERROR(Flock(lock.get(), LOCK_EX, fresh));
  std::string path = tmp + "/" + kPrefix + fresh.substr(tmp.size() + 5);
  if (::rename(fresh.c_str(), path.c_str()) != 0) {
    int err = errno;
    (void)RemoveAll(fresh);
    return SysError("rename", fresh, err);
  }
  return ScratchDir(std::move(path), std::move(lock));
}

Status ScratchDir::Remove() {
  if (!lock_.valid()) return Status::Ok();
  Status st = RemoveAll(path_);
  lock_.Reset();
  return st;
}

bool IsScratchName(const std::string& name) { return name.rfind(kPrefix, 0) == 0; }

Expected<bool> RemoveScratchOnceFree(const std::string& dir, bool wait) {
  UniqueFd lock(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!lock.valid()) {
    if (errno == ENOENT) return true;
    return SysError("open", dir, errno);
  }
  if (!wait && ::flock(lock.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) return false;
    return SysError("flock", dir, errno);
  }
  if (wait) RETURN_IF_ERROR(Flock(lock.get(), LOCK_EX, dir));
  RETURN_IF_ERROR(RemoveAll(dir));
  return true;
}

namespace {

// tmp/'s entries but .lock; only scratch directories with `scratch_only`.
Expected<std::vector<std::string>> TmpEntries(const std::string& tmp, bool scratch_only) {
  std::vector<std::string> found;
  std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(tmp.c_str()), ::closedir);
  if (!d) {
    if (errno == ENOENT) return found;
    return SysError("opendir", tmp, errno);
  }
  while (struct dirent* e = ::readdir(d.get())) {
    std::string n = e->d_name;
    if (n == "." || n == ".." || n == ".lock" || (scratch_only && !IsScratchName(n))) continue;
    found.push_back(n);
  }
  return found;
}

Expected<int> Remove(const std::string& tmp, bool scratch_only) {
  ASSIGN_OR_RETURN(std::vector<std::string> names, TmpEntries(tmp, scratch_only));
  int removed = 0;
  for (const std::string& n : names) {
    if (IsScratchName(n)) {
      ASSIGN_OR_RETURN(bool gone, RemoveScratchOnceFree(tmp + "/" + n, false));
      removed += gone ? 1 : 0;
    } else {
      RETURN_IF_ERROR(RemoveAll(tmp + "/" + n));
      ++removed;
    }
  }
  return removed;
}

}  // namespace

Expected<int> RemoveStaleScratch(const StorePaths& store) {
  return Remove(StorePaths(store.root()).TmpDir(), true);
}

Expected<int> SweepTmp(const StorePaths& store) {
  return Remove(StorePaths(store.root()).TmpDir(), false);
}

}  // namespace mybuild::cache
