// A build's own scratch directory, tmp/build-XXXXXX: layer dirs, overlay
// work dirs, copy staging and blobs being written all go in it, so a build
// that ends, however it ends, leaves one directory to remove. The build
// holds an exclusive flock on the directory itself while it runs: one whose
// lock is free belongs to no live build (it was killed) and is stale.
#pragma once

#include <string>

#include "base/fd.h"
#include "base/status.h"
#include "cache/store_paths.h"

namespace mybuild::cache {

class ScratchDir {
 public:
  // Makes tmp/new-XXXXXX, locks it and renames it to tmp/build-XXXXXX, so
  // no build-* directory is ever seen unlocked before its build holds it
  // (a new-* one is left only by a crash in between, and swept when no
  // build runs). The directory and its lock are close-on-exec. Fails
  // naming the call and path.
  static Expected<ScratchDir> Create(const StorePaths& store);

  ScratchDir(ScratchDir&&) = default;
  ScratchDir& operator=(ScratchDir&&) = delete;
  ~ScratchDir() { (void)Remove(); }

  const std::string& path() const { return path_; }

  // Removes the directory with everything in it, then drops the lock; a
  // second call does nothing. Fails naming what could not be removed.
  Status Remove();

 private:
  ScratchDir(std::string path, UniqueFd lock) : path_(std::move(path)), lock_(std::move(lock)) {}
  std::string path_;
  UniqueFd lock_;
};

// Whether `name` (an entry of tmp/) is a build's scratch directory.
bool IsScratchName(const std::string& name);

// Removes `dir` (a scratch directory) once its lock can be taken: at once
// or not at all when `wait` is false (returns false then: a live build
// holds it), else waiting for its build to die. A directory that is
// already gone counts as removed. Holds the lock while it removes, so two
// removers never race. Fails naming what could not be removed.
Expected<bool> RemoveScratchOnceFree(const std::string& dir, bool wait);

// Removes every tmp/build-* directory no live build holds; returns how
// many went. Fails naming the directory that could not be removed.
Expected<int> RemoveStaleScratch(const StorePaths& store);

// Removes every entry of tmp/ but its .lock (scratch directories only once
// free: the reaper of a killed build may be removing one); returns how many
// entries went. Only for a caller holding BuildLock()
// exclusively, when no build runs. Fails naming what could not be removed.
Expected<int> SweepTmp(const StorePaths& store);

}  // namespace mybuild::cache
