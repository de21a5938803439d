#include "cache/step_lock.h"

#include <sys/file.h>

#include <cerrno>

namespace mybuild::cache {
namespace {

Expected<UniqueFd> Open(const StorePaths& paths, const std::string& key) {
  RETURN_IF_ERROR(MakeDirs(paths.LocksDir()));
  return OpenFile(paths.StepLock(key), O_RDWR | O_CREAT, 0600);
}

}  // namespace

Expected<StepLock> StepLock::TryAcquire(const StorePaths& paths,
                                        const std::string& key, bool* busy) {
  ASSIGN_OR_RETURN(UniqueFd fd, Open(paths, key));
  *busy = false;
  while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      *busy = true;
      return StepLock(UniqueFd());
    }
    if (errno != EINTR) return SysError("flock", paths.StepLock(key), errno);
  }
  return StepLock(std::move(fd));
}

Expected<StepLock> StepLock::Acquire(const StorePaths& paths, const std::string& key) {
  ASSIGN_OR_RETURN(UniqueFd fd, Open(paths, key));
  while (::flock(fd.get(), LOCK_EX) != 0) {
    if (errno != EINTR) return SysError("flock", paths.StepLock(key), errno);
  }
  return StepLock(std::move(fd));
}

}  // namespace mybuild::cache
