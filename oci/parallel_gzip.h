// Block-parallel gzip: the input is cut into fixed-size blocks, each
// compressed on a worker thread into a gzip member of its own
// (oci/gzip_block.h), and the members are emitted in order. Readers see
// one gzip stream of several members, which every gzip reader takes as
// the concatenation of their data.
//
// The bytes depend only on the input, the level and the block size: not
// on the thread count, on timing, or on how the input was split into
// Write calls. Input that fits in one block is compressed on the calling
// thread, starts no thread, and gives a single member.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

#include "base/status.h"

namespace mybuild::oci {

struct ParallelGzipOptions {
  int level = 6;  // 1-9
  // Worker threads; 0 means one per hardware thread. 1 compresses on the
  // calling thread. The output does not depend on it.
  int threads = 0;
  // Uncompressed bytes per block (4 KiB to 64 MiB). Part of the format:
  // another block size gives other (equally valid) bytes.
  size_t block_size = 1 << 20;
};

class ParallelGzip {
 public:
  // Receives the compressed stream, in order, always on the thread that
  // called Write or Finish. An error it returns stops the stream and is
  // returned by that call and every later one.
  using Output = std::function<Status(std::string_view)>;

  // Fails with kInvalidArgument for a level or block size out of range.
  static Expected<ParallelGzip> Create(ParallelGzipOptions options,
                                       Output output);
  ParallelGzip(ParallelGzip&&) noexcept;
  ParallelGzip& operator=(ParallelGzip&&) noexcept;
  // Stops the workers; output not yet emitted is dropped.
  ~ParallelGzip();

  // Takes `size` bytes. Holds at most about 2 x threads blocks in memory:
  // when that many are in flight, waits for the oldest and emits it. Fails
  // with the first error of the output or of zlib.
  Status Write(const void* data, size_t size);
  // Compresses what is left and emits the rest, ending with the trailer.
  // Call once; a second call fails with kInternal.
  Status Finish();

 private:
  struct Impl;
  explicit ParallelGzip(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace mybuild::oci
