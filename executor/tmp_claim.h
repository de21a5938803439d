// The store's tmp/ holds what builds are making: layer dirs, overlay
// scratch dirs, blobs being written. A build that is killed (Ctrl-C,
// SIGTERM, SIGKILL) leaves its part behind; the next build that starts
// while no other build runs removes it.
#pragma once

#include <string>

#include "base/fd.h"
#include "base/status.h"
#include "cache/store_paths.h"

namespace mybuild::executor {

class TmpClaim {
 public:
  // The lock file, inside tmp/ so a sweep never removes it.
  static std::string LockPath(const cache::StorePaths& store) {
    return store.TmpDir() + "/.lock";
  }

  // Takes a shared flock on LockPath for the life of the returned claim.
  // When the lock can first be taken exclusively (no other build holds a
  // claim), every other entry of tmp/ is removed before the claim is
  // downgraded. Fails naming the lock file, or the entry that could not be
  // removed.
  static Expected<TmpClaim> Acquire(const cache::StorePaths& store);

 private:
  explicit TmpClaim(UniqueFd lock) : lock_(std::move(lock)) {}
  UniqueFd lock_;
};

}  // namespace mybuild::executor
