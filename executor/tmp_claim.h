// The store's tmp/ holds what builds are making. Each build works in its
// own scratch directory (cache/scratch_dir.h): layer dirs, overlay scratch,
// copy staging, blobs being written. It is removed when the build ends,
// however it ends: by the claim on a return (success or failure), and by a
// small reaper process when the builder dies (Ctrl-C, SIGTERM, SIGKILL).
// What a build left despite that (its reaper killed too, a crash) is
// removed by the next build or `mybuild prune`.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "base/status.h"
#include "cache/store_paths.h"

namespace mybuild::executor {

class TmpClaim {
 public:
  // The lock file, inside tmp/ so a sweep never removes it.
  static std::string LockPath(const cache::StorePaths& store) { return store.BuildLock(); }

  // Takes a shared flock on LockPath for the life of the returned claim.
  // When the lock can first be taken exclusively (no other build holds a
  // claim), every other entry of tmp/ is removed before the claim is
  // downgraded; else only the scratch directories of dead builds are. Then
  // makes this build's scratch directory and forks its reaper, which waits
  // (ignoring SIGINT, SIGTERM, SIGHUP and SIGQUIT, holding no other fd)
  // for this process to end the claim or die, and then removes the
  // directory once its lock is free. Fails naming the lock file, the entry
  // that could not be removed, or the call that failed.
  static Expected<TmpClaim> Acquire(const cache::StorePaths& store);

  TmpClaim(TmpClaim&&) noexcept;
  TmpClaim& operator=(TmpClaim&&) = delete;
  // Removes the scratch directory, lets the reaper go and waits for it,
  // then drops the shared lock.
  ~TmpClaim();

  // `store`, with this build's scratch directory as its TmpDir().
  const cache::StorePaths& store() const;
  // The reaper's pid, for tests.
  pid_t reaper() const;

 private:
  struct State;
  explicit TmpClaim(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

}  // namespace mybuild::executor
