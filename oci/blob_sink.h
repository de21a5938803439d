// A file sink for a layer stream: takes uncompressed tar bytes, optionally
// gzips them, writes the result to a file, and in the same pass computes
// the digest and size of what was written (the blob) and the digest of
// what was given (the diff_id).
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "oci/descriptor.h"
#include "oci/digest.h"

namespace mybuild::oci {

// A layer blob on disk and the numbers a manifest and config need about it.
struct LayerBlob {
  std::string path;        // the blob file
  std::string media_type;  // kOciLayerGzip or kOciLayer
  Digest digest;           // sha256 of the file's bytes
  int64_t size = 0;        // the file's size
  Digest diff_id;          // sha256 of the uncompressed tar
  int64_t tar_size = 0;    // size of the uncompressed tar
  // The bytes of the regular files in it (what unpacking it writes); set by
  // LayerWriter, 0 from a bare BlobSink.
  int64_t file_bytes = 0;

  // {media_type, digest, size} for a manifest's "layers".
  Descriptor ToDescriptor() const;
};

class BlobSink {
 public:
  // Creates (truncates) `path`; an empty `path` writes nothing and only
  // computes the numbers (what a layer would be, without its bytes on
  // disk). `gzip_level` 1-9 compresses with gzip; 0
  // writes the tar as is. The gzip stream is one gzip member per 1 MiB
  // block, compressed on `gzip_threads` threads (0: one per hardware
  // thread; see oci/parallel_gzip.h); its header carries no file name and
  // mtime 0, and its bytes depend only on the input and the level, so
  // equal input gives an equal digest whatever the thread count. A layer
  // under 1 MiB starts no thread. Fails with the open(2) error, or
  // kInvalidArgument for a level outside 0-9.
  static Expected<BlobSink> Create(const std::string& path, int gzip_level,
                                   int gzip_threads = 0);
  BlobSink(BlobSink&&) noexcept;
  BlobSink& operator=(BlobSink&&) noexcept;
  ~BlobSink();

  // Consumes `size` uncompressed bytes. Fails with the write(2) error
  // (possibly of earlier bytes, as compression runs behind).
  Status Write(const void* data, size_t size);
  // Before the first Write: the caller vouches that the tar it will give
  // hashes to `diff_id` (e.g. a verified stored tar blob of that digest),
  // so Write does not hash it and Finish reports `diff_id`.
  void TrustTar(const Digest& diff_id);
  // Before Finish: Finish does not fsync the file but only starts its
  // writeback, for a blob the caller makes durable later together with
  // others (cache::UnsyncedBlobs), one fsync pass instead of three per blob.
  void SkipSync();
  // Flushes the compressor, fsyncs (unless SkipSync) and closes the file. Call once; a second
  // call fails with kInternal.
  Expected<LayerBlob> Finish();

 private:
  struct Impl;
  explicit BlobSink(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace mybuild::oci
