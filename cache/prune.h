// `mybuild prune`: removes build cache while keeping every tagged image
// whole. It first waits until no build is running (the exclusive side of
// the lock builds share, StorePaths::BuildLock), so nothing in use goes.
#pragma once

#include <cstdint>
#include <ctime>

#include "base/status.h"
#include "cache/store_paths.h"

namespace mybuild::cache {

struct PruneOptions {
  // Also the step records whose layers tagged images use, and every
  // snapshot (the tagged images' blobs always stay).
  bool all = false;
  // Stop once the store holds at most this many bytes; -1: no limit.
  int64_t keep_storage = -1;
  // Only what was last used at least this many seconds ago; 0: any age.
  int64_t until_seconds = 0;
  std::time_t now = 0;  // 0: the current time
};

struct PruneReport {
  int records = 0;
  int blobs = 0;
  int snapshots = 0;
  int scratch = 0;  // entries of tmp/ that builds left (dead builds' scratch)
  int64_t reclaimed = 0;  // bytes on disk (not counting scratch)
};

// First removes the scratch directories (tmp/build-*) of builds that died
// without removing theirs (their lock is free; cache/scratch_dir.h), at
// once, even while other builds run; then, once no build runs, whatever
// else is left in tmp/. Then removes, least recently used first:
// 1. step records: damaged ones and ones whose blob is gone always; then
//    records whose layer no tagged image uses (with `all`, any record), when
//    old enough for `until_seconds`;
// 2. then blobs no tag or remaining record reaches (base images pulled for
//    builds, configs and manifests of untagged builds), snapshots of layers
//    no remaining record (nor, without `all`, tagged image) uses, and the
//    --explain inputs of removed records, also when old enough;
// each step only while the store is larger than `keep_storage`. Fails when
// the lock cannot be taken or a file cannot be removed (naming it).
// Waits while builds run (but not for dead builds' scratch to go).
Expected<PruneReport> Prune(const StorePaths& paths, const PruneOptions& options);

}  // namespace mybuild::cache
