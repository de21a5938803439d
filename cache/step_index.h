// The step cache: for each step's cache key, the layer it produced and the
// layers it was made on. A record is one small JSON file written atomically
// and carrying a checksum of its fields, so a build killed at any moment
// leaves either the whole record or none, and a damaged one is noticed.
#pragma once

#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"
#include "oci/digest.h"

namespace mybuild::cache {

struct LayerRecord {
  oci::Digest digest;   // the compressed blob
  oci::Digest diff_id;  // the uncompressed tar
  int64_t size = 0;
  std::string media_type;
};

struct StepRecord {
  LayerRecord layer;
  // ChainOf() the layers the step ran on (and, for COPY --from, read).
  std::string below;
  // RFC 3339 time the step ran, for the history of builds that reuse it
  // ("" in records written before it was kept).
  std::string created;
};

enum class RecordState {
  kAbsent,       // no record for the key
  kCorrupt,      // unreadable, malformed, or its checksum does not match
  kBlobMissing,  // its layer blob is gone (pruned)
  kBlobDamaged,  // its layer blob no longer verifies; it was quarantined
  kPresent,
};

struct StepLookup {
  RecordState state = RecordState::kAbsent;
  StepRecord record;   // when kPresent or kBlobMissing
  std::string detail;  // when kCorrupt or kBlobDamaged: why, naming the file
};

// A digest of a list of layers by diff_id (OCI's ChainID): "" for none.
std::string ChainOf(const std::vector<oci::Digest>& diff_ids);

class StepIndex {
 public:
  explicit StepIndex(StorePaths paths) : paths_(std::move(paths)) {}

  // The record for `key` (64 hex digits), for a build about to reuse it:
  // its layer blob is checked as BlobVerifier::CheckForUse does, and one
  // that fails is moved to quarantine (kBlobDamaged). Never fails: a record
  // that cannot be read is kCorrupt; a build treats either as a miss and
  // overwrites the record.
  StepLookup Find(const std::string& key) const;
  // Records that `key` produced `record`, replacing any earlier record.
  Status Record(const std::string& key, const StepRecord& record);
  // Marks the record as used now (its mtime), for `prune --keep-storage`
  // and `--filter until=`. Best effort: a failure changes nothing else.
  void Touch(const std::string& key) const;
  // Calls `fn(key, lookup, last_used)` for every record file, in key order.
  // The lookups only check that each blob exists (no hashing, nothing
  // quarantined): ForEach serves listings and pruning.
  // Fails only when steps/ exists but cannot be listed.
  Status ForEach(const std::function<void(const std::string& key,
                                          const StepLookup& lookup,
                                          std::time_t last_used)>& fn) const;
  // Removes the record for `key`; absent is fine.
  Status Remove(const std::string& key);

 private:
  StepLookup Lookup(const std::string& key, bool for_use) const;
  StorePaths paths_;
};

}  // namespace mybuild::cache
