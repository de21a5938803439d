// The benchmark's clock, its reference sinks and its report line.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::bench {

// Hands `in` to `write` in 64 KiB pieces, stopping at the first error.
Status WriteInPieces(const std::string& in,
                     const std::function<Status(const char*, size_t)>& write);

// The layer sink as it was before block-parallel gzip: one zlib deflate
// stream (gzip wrapper) on the calling thread, SHA-256 of both sides, the
// blob written to `path` and fsynced. Returns the blob's size.
Expected<int64_t> ViaZlibStream(const std::string& path, const std::string& in,
                                int level);

// Whether `pigz` is on PATH.
bool PigzInstalled();
// `pigz -6 -p threads` from the file `in_path` to `out_path`, as a peer.
// Returns the compressed size.
Expected<int64_t> ViaPigz(const std::string& in_path,
                          const std::string& out_path, int threads);

// Variants of one corpus, timed in turns (round 1 of each, then round 2 of
// each, ...) so that load from other processes falls on all alike; each
// variant's best wall time is kept, with the CPU time (user + system, this
// process and its children) of that round.
class Bench {
 public:
  Bench(std::string corpus, const std::string& in, int rounds)
      : corpus_(std::move(corpus)), in_(in), rounds_(rounds) {}
  // `run` returns the compressed size.
  void Add(std::string variant, std::function<Expected<int64_t>()> run);
  // Runs every variant and prints one line each: MB/s of input (wall),
  // wall and CPU seconds, compressed/uncompressed. Exits on an error.
  void Run();

 private:
  struct Variant {
    std::string name;
    std::function<Expected<int64_t>()> run;
    double wall = 1e9, cpu = 0;
    int64_t size = 0;
  };
  std::string corpus_;
  const std::string& in_;
  int rounds_;
  std::vector<Variant> variants_;
};

}  // namespace mybuild::bench
