// Directories for RUN --mount=type=cache: kept under <root>/cache-mounts
// across builds, never part of a layer. One id may have several instances:
// `sharing=private` takes one no other step is using.
#pragma once

#include <cstdint>
#include <string>

#include "base/fd.h"
#include "base/status.h"
#include "frontend/mount.h"

namespace mybuild::executor {

// The use of one cache directory by one step; the directory is free for
// others again when the lease goes.
class CacheMountLease {
 public:
  const std::string& path() const { return path_; }

 private:
  friend Expected<CacheMountLease> LeaseCacheMount(const std::string&,
                                                   const std::string&,
                                                   frontend::CacheSharing,
                                                   uint32_t, uint32_t,
                                                   uint32_t);
  CacheMountLease(std::string path, UniqueFd lock)
      : path_(std::move(path)), lock_(std::move(lock)) {}
  std::string path_;
  UniqueFd lock_;  // flock()ed: shared, or exclusive for locked/private
};

// What tells one cache from another, as BuildKit's cache ref key: the id
// (default the target as written, cleaned), and when uid=, gid= or mode= is
// given, the directory they make (BuildKit mounts a scratch Mkdir of them,
// whose ref joins the key), so `uid=10` and no uid are two caches.
std::string CacheIdentity(const frontend::MountSpec& m);

// The directory of instance 0 of cache `id` (the one shared and locked
// leases use): "<cache_root>/<sha256(id)>-0".
std::string CacheMountDir(const std::string& cache_root, const std::string& id);

// Leases the cache `id` under `cache_root` (made if missing):
//   shared  - instance 0, alongside other shared users (a shared flock);
//   locked  - instance 0, waiting until no one else uses it;
//   private - the first instance no one uses, made if all are in use.
// A directory is made on first use owned by uid:gid with `mode`, as
// `<sha256(id)>-<instance>`; later leases do not change it. Fails naming
// the path that could not be made or locked.
Expected<CacheMountLease> LeaseCacheMount(const std::string& cache_root,
                                          const std::string& id,
                                          frontend::CacheSharing sharing,
                                          uint32_t uid, uint32_t gid,
                                          uint32_t mode);

}  // namespace mybuild::executor
