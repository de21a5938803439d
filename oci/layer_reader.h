// Streaming reader of layer blobs: tar, tar+gzip or tar+zstd (detected from
// the bytes, not the media type).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "oci/tar_entry.h"
#include "oci/tar_limits.h"

namespace mybuild::oci {

class LayerReader {
 public:
  // Opens the blob at `path`. Fails with the open(2) error. Entries and
  // bytes are held to `limits`; a breach fails Next or Read with
  //   layer "<path>": entry 1000001: more than 1000000 entries
  // (see TarLimits for every reason).
  static Expected<LayerReader> Open(const std::string& path,
                                    const TarLimits& limits = {});
  LayerReader(LayerReader&&) noexcept;
  LayerReader& operator=(LayerReader&&) noexcept;
  ~LayerReader();

  // The next entry, or nullopt after the last. `path` is normalised with
  // NormalizeTarPath ("./a/" -> "a", "/a" -> "a", the root -> ""), as is a
  // hardlink's link_target; a name climbing above the root fails with
  //   layer entry "../x": path escapes the target
  // A corrupt stream fails with kInvalidArgument naming the layer; so does
  // an entry other than a directory naming the root:
  //   layer "<path>": entry 2 "./": only a directory can name the root
  Expected<std::optional<TarEntry>> Next();

  // Reads up to `size` bytes of the current kFile entry's content; 0 at
  // its end.
  Expected<size_t> Read(char* buf, size_t size);

 private:
  struct Impl;
  explicit LayerReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace mybuild::oci
