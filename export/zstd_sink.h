// A layer blob compressed with zstd (libzstd, multi-threaded): takes the
// uncompressed tar, writes the compressed blob, and in the same pass hashes
// both, as oci/blob_sink.h does for gzip. 8 MiB runs of incompressible
// bytes are stored as frames of raw blocks without asking libzstd (see
// zstd_sink.cc); the blob is then several frames, one stream to readers.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "oci/blob_sink.h"

namespace mybuild::exporter {

class ZstdSink {
 public:
  // Creates (truncates) `path`. `level` is zstd's, 1-22. `workers` >= 1
  // threads compress (0: one per hardware thread); libzstd's output does
  // not depend on how many, so equal input and level give an equal digest.
  // Fails with the open(2) error or kInvalidArgument for a bad level.
  static Expected<std::unique_ptr<ZstdSink>> Create(const std::string& path, int level,
                                                    int workers = 0);
  ~ZstdSink();

  // Consumes `size` uncompressed bytes. Fails with the write(2) or zstd error.
  Status Write(const void* data, size_t size);
  // Before the first Write: the caller vouches that the tar it will give
  // hashes to `diff_id`, so Write does not hash it and Finish reports it.
  void TrustTar(const oci::Digest& diff_id);
  // Ends the frame and closes the file, unsynced: BlobStore::Commit*
  // fsyncs it before the rename (writeback was started as it was written).
  // media_type is kOciLayerZstd.
  Expected<oci::LayerBlob> Finish();

 private:
  ZstdSink() = default;
  Status Compress(const void* data, size_t size, bool end);
  // One whole block of input (`raw`: it looks incompressible): to
  // libzstd, or held back in the raw run.
  Status Block(const char* p, bool raw);
  // `n` bytes to libzstd, after the run held back (too short to be raw).
  Status Pass(const char* p, size_t n);
  // The run held back, then `tail`, as a frame of raw blocks.
  Status StoreRun(const char* tail, size_t tail_size);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mybuild::exporter
