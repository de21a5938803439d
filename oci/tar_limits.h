// Bounds on what a tar archive may ask of us (layer blobs and ADD
// archives): how many entries, how long and deep a path, how many bytes
// the stream may expand to. Defaults are far above anything a real image or
// source archive holds; tests pass small ones.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/status.h"

namespace mybuild::oci {

struct TarLimits {
  int64_t max_entries = 1'000'000;
  size_t max_path_bytes = 4096;  // a name or link target, as stored
  size_t max_depth = 1024;       // components of a name
  // Decompression bombs: the uncompressed tar stream may not exceed
  // max_ratio times the archive's own size once it is past ratio_floor
  // bytes, nor max_bytes (0: no absolute cap). Plain tars have a ratio of
  // about 1; gzip tops out near 1030 (all zeros), real data is 2-20.
  int64_t max_ratio = 200;
  int64_t ratio_floor = int64_t{1} << 30;
  int64_t max_bytes = 0;
};

// libarchive refuses a PAX extended header (or GNU long name) over 1 MiB
// itself ("Special header too large"), before any entry reaches us; this is
// that bound, pinned by tests so a libarchive that loosens it is noticed.
inline constexpr size_t kMaxPaxHeaderBytes = size_t{1} << 20;

// Counts entries and stream bytes of one archive against TarLimits. Errors
// are kInvalidArgument of the form "entry N: reason" (N from 1); callers
// prefix the archive's name.
class TarBudget {
 public:
  TarBudget(const TarLimits& limits, int64_t archive_bytes)
      : limits_(limits), archive_bytes_(archive_bytes) {}

  // A new entry with stored name `name` and link target `link` ("" if
  // none):
  //   entry 1000001: more than 1000000 entries
  //   entry 3: path is 5000 bytes, more than 4096
  //   entry 3: link target is 5000 bytes, more than 4096
  //   entry 3: path has 1025 components, more than 1024
  Status Entry(std::string_view name, std::string_view link);

  // `total` bytes of uncompressed stream (or of entry content, whichever
  // is larger) so far:
  //   entry 7: archive expands to more than 200 times its 5000 bytes
  //   entry 7: archive expands to more than 1048576 bytes
  Status Expanded(int64_t total);

  int64_t entry() const { return entries_; }

 private:
  TarLimits limits_;
  int64_t archive_bytes_;
  int64_t entries_ = 0;
};

// The number of non-empty, non-"." components of `name`.
size_t PathDepth(std::string_view name);

}  // namespace mybuild::oci
