// The step cache: for each step's cache key, the layer it produced. A
// record is one small JSON file written atomically, so a build killed at any
// moment leaves either the whole record or none.
#pragma once

#include <optional>
#include <string>

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

class StepIndex {
 public:
  explicit StepIndex(StorePaths paths) : paths_(std::move(paths)) {}

  // The layer recorded for `key` (64 hex digits), or nullopt on a miss.
  // A record whose blob has gone (pruned) counts as a miss. A record that
  // cannot be read is an error naming its file.
  Expected<std::optional<LayerRecord>> Lookup(const std::string& key) const;
  // Records that `key` produced `layer`, replacing any earlier record.
  Status Record(const std::string& key, const LayerRecord& layer);

 private:
  StorePaths paths_;
};

}  // namespace mybuild::cache
