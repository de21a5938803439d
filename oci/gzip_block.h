// The pieces of a block-parallel gzip stream: the input is cut into blocks,
// each compressed on its own (on any thread) into one whole gzip member,
// and the members are concatenated in order. A gzip file may hold several
// members (RFC 1952, 2.2) and every reader our users have decompresses
// them all as one stream: gzip(1) and zlib's gzread, libarchive, Go's
// compress/gzip (skopeo, podman, umoci, containerd, docker) and pgzip.
// eStargz layers and BGZF files are such streams too.
//
// A member is deflated by libdeflate, which compresses a whole buffer at
// once (about twice zlib's speed at the same level, and a little smaller)
// but cannot continue a stream or take a dictionary: hence independent
// members, not pigz's one member of chained blocks.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

struct libdeflate_compressor;
struct z_stream_s;

namespace mybuild::oci::internal {

// The 10-byte gzip header of every member at `level` (1-9): no file name,
// mtime 0, OS "unix", and zlib's extra flags (2 for level 9, 4 for level
// 1, else 0).
std::string GzipHeader(int level);

// The 8-byte gzip trailer: the CRC-32 and the size mod 2^32 of the
// uncompressed data, both little-endian.
std::string GzipTrailer(uint32_t crc, uint64_t size);

// The CRC-32 (gzip's) of `data` after `crc` (0 to start).
uint32_t Crc32(uint32_t crc, std::string_view data);

// Compresses blocks into gzip members at one level. Holds two libdeflate
// compressors (under 1 MiB at level 6), reused from block to block; one
// per thread.
class BlockDeflater {
 public:
  // Fails with kInvalidArgument for a level outside 1-9, kInternal when
  // libdeflate cannot allocate its state.
  static Expected<BlockDeflater> Create(int level);
  BlockDeflater(BlockDeflater&&) noexcept;
  BlockDeflater& operator=(BlockDeflater&&) noexcept;
  ~BlockDeflater();

  // Appends to `out` one gzip member holding `input` (GzipHeader, deflate
  // data ending with the final-block bit, GzipTrailer). The bytes depend
  // only on the level and `input` (and on libdeflate's version). A block
  // that level-1 trial compressions of kProbes slices of kProbeSize bytes,
  // spread over it, cannot shrink by 3 % (random or already-compressed
  // data) is written as stored blocks instead, at memory speed. One whose
  // probes those trials shrink by under 2 % more than coding their bytes
  // by frequency alone would (base64 text: no repeats to find) is coded
  // by zlib's Huffman-only deflate, twice libdeflate's speed for the same
  // size. Fails with kInternal on an input over 1 GiB.
  Status Deflate(std::string_view input, std::string* out);

  static constexpr size_t kProbes = 8, kProbeSize = 8 * 1024;

 private:
  BlockDeflater() = default;
  enum class Coding { kStored, kHuffman, kDeflate };
  // How `input` is best coded, from the probes.
  Coding Probe(std::string_view input);
  // Appends `input` as zlib's raw Huffman-only deflate.
  Status HuffmanOnly(std::string_view input, std::string* out);
  struct Free {
    void operator()(libdeflate_compressor* c) const;
  };
  struct FreeZ {
    void operator()(z_stream_s* z) const;
  };
  int level_ = 6;
  std::unique_ptr<libdeflate_compressor, Free> zs_;     // at level_
  std::unique_ptr<libdeflate_compressor, Free> probe_;  // level 1, for Probe
  std::unique_ptr<z_stream_s, FreeZ> huffman_;          // for HuffmanOnly
  std::string probe_out_;
};

// Appends to `out` `input` as raw deflate stored blocks (at most 65,535
// bytes each), the last with the final-block bit; an empty input gives
// one empty final stored block.
void StoredBlocks(std::string_view input, std::string* out);

}  // namespace mybuild::oci::internal
