// One lock per step key, across processes and threads: a build holds it
// while it runs the step, so two builds that miss the same key at once run
// it once; the second waits, then finds the first's record. No lock is held
// across the whole build, so builds with different steps never wait.
#pragma once

#include <string>

#include "base/fd.h"
#include "base/status.h"
#include "cache/store_paths.h"

namespace mybuild::cache {

class StepLock {
 public:
  // Takes the lock of `key` without waiting; `busy` is set instead when
  // another holder has it (then the returned lock holds nothing).
  static Expected<StepLock> TryAcquire(const StorePaths& paths,
                                       const std::string& key, bool* busy);
  // Waits until the lock of `key` is free, then takes it. Fails naming the
  // lock file.
  static Expected<StepLock> Acquire(const StorePaths& paths, const std::string& key);

  bool held() const { return fd_.valid(); }

 private:
  explicit StepLock(UniqueFd fd) : fd_(std::move(fd)) {}
  UniqueFd fd_;  // the flock goes with it
};

}  // namespace mybuild::cache
