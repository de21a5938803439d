// The pieces of a pigz-style gzip stream: one gzip member whose deflate
// data is cut into blocks that can be compressed independently (on
// different threads) and then concatenated in order. Every gzip reader
// sees an ordinary single-member gzip file.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace mybuild::oci::internal {

// How much of the previous block a block may refer back to: deflate's
// whole window.
inline constexpr size_t kGzipDictionarySize = 32 * 1024;

// The 10-byte gzip header zlib writes for `level` (1-9): no file name,
// mtime 0, OS "unix", and zlib's extra flags (2 for level 9, 4 for level
// 1, else 0), so a one-block stream is byte-identical to zlib's.
std::string GzipHeader(int level);

// The 8-byte gzip trailer: the CRC-32 and the size mod 2^32 of the
// uncompressed data, both little-endian.
std::string GzipTrailer(uint32_t crc, uint64_t size);

// Raw-deflates blocks at one level. Holds three zlib states (about 800 KiB
// in all), reused from block to block; one per thread.
class BlockDeflater {
 public:
  // Fails with kInvalidArgument for a level outside 1-9, kInternal when
  // zlib cannot allocate its state.
  static Expected<BlockDeflater> Create(int level);
  BlockDeflater(BlockDeflater&&) noexcept;
  BlockDeflater& operator=(BlockDeflater&&) noexcept;
  ~BlockDeflater();

  // Appends to `out` the deflate data of `input`, compressed as if it
  // followed `dictionary` (the previous block's last kGzipDictionarySize
  // bytes at most; empty for the first block). A block that is not `last`
  // ends with a sync flush (byte-aligned, after an empty stored block);
  // the last one ends with the final-block bit. The bytes depend only on
  // the level, `dictionary`, `input` and `last`. A block that level-1
  // trial compressions of kProbes slices of kProbeSize bytes, spread over
  // it, cannot shrink by 3 % (random or already-compressed data) is
  // written as stored blocks instead, at memory speed. Fails with kInternal
  // on a zlib error or an input over 1 GiB.
  Status Deflate(std::string_view dictionary, std::string_view input, bool last,
                 std::string* out);

  static constexpr size_t kProbes = 8, kProbeSize = 8 * 1024;

 private:
  BlockDeflater() = default;
  // Whether `input` (after `dictionary`) looks worth deflating.
  Expected<bool> Shrinks(std::string_view dictionary, std::string_view input);
  std::unique_ptr<z_stream> zs_;     // at the caller's level
  std::unique_ptr<z_stream> probe_;  // level 1, for Shrinks
  std::unique_ptr<z_stream> store_;  // level 0: stored blocks
};

}  // namespace mybuild::oci::internal
