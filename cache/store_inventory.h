// What the state directory holds, for `mybuild du`, `prune` and `cache
// verify`: every blob, snapshot and step record with its size, and what the
// tagged images reach (their manifests, configs and layers), which nothing
// may remove.
#pragma once

#include <cstdint>
#include <ctime>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "cache/step_index.h"
#include "cache/store_paths.h"

namespace mybuild::cache {

struct RecordInfo {
  std::string key;
  StepLookup lookup;
  std::time_t last_used = 0;  // the record's mtime (StepIndex::Touch)
};

struct StoreInventory {
  std::map<std::string, int64_t> blobs;      // hex digest -> bytes on disk
  std::map<std::string, int64_t> snapshots;  // diff_id hex -> bytes on disk
  // Of `blobs`, the lazy layers not written yet (lazy_layers.h): their
  // bytes are their snapshots'.
  std::set<std::string> lazy_blobs;
  std::vector<RecordInfo> records;           // by key
  int tags = 0;
  std::set<std::string> tagged_blobs;        // hex digests the tags reach
  std::set<std::string> tagged_diff_ids;     // hex diff_ids of their layers
  // Tags whose manifest or config is missing or unreadable, as messages:
  //   image docker.io/library/app:1: blob sha256:... is not in the store
  std::vector<std::string> broken_tags;
};

// Lists the store. Sizes are disk usage (allocated blocks), as du reports.
// Fails only when a directory exists but cannot be read.
Expected<StoreInventory> TakeInventory(const StorePaths& paths);

// Disk usage of everything under `path` (not following symlinks); 0 when
// it does not exist.
int64_t DiskUsage(const std::string& path);

// "0B", "512B", "1.5kB", "20.3MB", "1.2GB": decimal units, as docker prints.
std::string HumanSize(int64_t bytes);

// "1024", "512k", "100MB", "1.5g", "2GiB": binary units (k = 1024), as
// docker's --keep-storage reads them. Fails with
//   invalid size "12x": use a number with an optional unit b, k, m, g or t
Expected<int64_t> ParseSize(const std::string& text);

}  // namespace mybuild::cache
