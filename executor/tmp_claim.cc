#include "executor/tmp_claim.h"

#include <dirent.h>
#include <sys/file.h>

#include <cerrno>
#include <memory>

namespace mybuild::executor {
namespace {

Status Flock(int fd, int op, const std::string& path) {
  while (::flock(fd, op) != 0) {
    if (errno != EINTR) return SysError("flock", path, errno);
  }
  return Status::Ok();
}

Status Sweep(const std::string& tmp) {
  std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(tmp.c_str()), ::closedir);
  if (!d) return SysError("opendir", tmp, errno);
  while (struct dirent* e = ::readdir(d.get())) {
    std::string n = e->d_name;
    if (n == "." || n == ".." || n == ".lock") continue;
    RETURN_IF_ERROR(RemoveAll(tmp + "/" + n));
  }
  return Status::Ok();
}

}  // namespace

Expected<TmpClaim> TmpClaim::Acquire(const cache::StorePaths& store) {
  RETURN_IF_ERROR(MakeDirs(store.TmpDir()));
  const std::string path = LockPath(store);
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(path, O_RDWR | O_CREAT, 0600));
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) == 0) {
    RETURN_IF_ERROR(Sweep(store.TmpDir()));
  } else if (errno != EWOULDBLOCK) {
    return SysError("flock", path, errno);
  }
  // From exclusive to shared, or wait for a sweeping build to finish.
  RETURN_IF_ERROR(Flock(fd.get(), LOCK_SH, path));
  return TmpClaim(std::move(fd));
}

}  // namespace mybuild::executor
