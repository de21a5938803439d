// Internal to oci/: the state of one UnpackLayer call.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "oci/layer_reader.h"
#include "oci/safe_root.h"
#include "oci/unpack.h"

namespace mybuild::oci::internal {

class Unpacker {
 public:
  Unpacker(SafeRoot root, UnpackMode mode)
      : root_(std::move(root)), mode_(mode) {}

  // Applies one entry (its content read from `r`).
  Status Apply(const TarEntry& e, LayerReader& r);
  // Sets directory mtimes, after all contents are in place.
  Status Finish();

 private:
  // unpack_whiteout.cc
  Status Whiteout(const TarEntry& e, const std::string& parent,
                  const std::string& name);
  Status Opaque(const TarEntry& e, const std::string& dir);
  // unpack_node.cc
  // `r` supplies a kFile's content; may be null for other types.
  Status Create(const TarEntry& e, LayerReader* r);
  // A node other than a regular file.
  Status MakeNode(const TarEntry& e, int parent, const std::string& base);
  Status CreateFile(const TarEntry& e, int parent, const std::string& base,
                    LayerReader& r);
  Status SetMeta(const TarEntry& e, int parent, const std::string& base);

  // The directory `dir` (clean path), created if missing; the last one is
  // cached because consecutive entries usually share it. An entry only
  // changes things at or below its own path, never its parent, so the
  // cached fd cannot go stale.
  Expected<int> Parent(const std::string& dir);
  void ForgetParent() { cached_dir_.clear(), cached_fd_.Reset(); }
  void MarkWritten(const std::string& path);

  SafeRoot root_;
  UnpackMode mode_;
  std::string cached_dir_;
  UniqueFd cached_fd_;
  std::set<std::string> written_;  // paths this layer put in place
  std::vector<std::pair<std::string, int64_t>> dir_times_;
  static constexpr size_t kBufSize = 1 << 20;
  std::unique_ptr<char[]> buf_;  // file contents pass through here
  bool reader_failed_ = false;  // the last error came from LayerReader
};

}  // namespace mybuild::oci::internal
