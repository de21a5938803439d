// Layer blobs a step made but the store has not written yet. A layer a RUN
// or COPY makes is kept as its snapshot (the directory later steps mount);
// its tar is a pure function of that directory, so committing the step only
// hashes the tar (what the image and step record need: digest and size)
// and writes a small record, lazy/<hex>. The tar itself is written from the
// snapshot the first time something reads the blob's bytes (a push, an
// export, save, a cache export), checked against the recorded digest, and
// stored as an ordinary blob from then on. A 300 MB layer thus costs its
// build one read of the data, not a read and a write.
//
// A lazy layer is present while its record and its snapshot are; prune
// keeps the snapshot of a lazy layer still in use, or writes the blob
// first (prune.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"
#include "oci/blob_sink.h"
#include "oci/digest.h"

namespace mybuild::cache {

struct LazyLayer {
  oci::Digest digest;      // of the plain tar; also its diff_id and snapshot
  int64_t size = 0;        // bytes of the tar
  int64_t max_mtime = -1;  // the SOURCE_DATE_EPOCH clamp it was hashed with
};

// Writes lazy/<hex> atomically.
Status RecordLazyLayer(const StorePaths& paths, const LazyLayer& layer);
// The record of `d` when there is one and its snapshot exists.
std::optional<LazyLayer> FindLazyLayer(const StorePaths& paths, const oci::Digest& d);
// Drops the record (after its blob was written, or the blob removed).
void ForgetLazyLayer(const StorePaths& paths, const oci::Digest& d);

// Makes sure blobs/sha256/<hex> exists for `d`: Ok when it does, or when
// `d` is not a lazy layer at all (the caller's open then reports the missing
// blob as before); otherwise writes the tar from the snapshot. Fails when
// the snapshot no longer gives the recorded digest:
//   layer sha256:ab..: its snapshot snapshots/ab.. now makes sha256:cd..;
//   remove the images that use it and build them again
Status MaterializeLayer(const StorePaths& paths, const oci::Digest& d);
// Hashes the tar `d`'s snapshot makes, without writing it: Ok when it is
// still `d` (cache verify), the error above when not, kNotFound when `d` is
// no lazy layer.
Status CheckLazyLayer(const StorePaths& paths, const oci::Digest& d);
// For a lazy layer not written yet: its tar gzipped at `level` straight
// from the snapshot into `path`, never writing the plain tar (a push needs
// only the gzip blob). Nothing (nullopt) when `d` is not such a layer; the
// error above when the snapshot no longer gives `d`. With `sync` false the
// file is not fsynced (BlobSink::SkipSync).
Expected<std::optional<oci::LayerBlob>> WriteLazyLayerGzip(const StorePaths& paths,
                                                           const oci::Digest& d,
                                                           const std::string& path, int level,
                                                           bool sync = true);
Status MaterializeLayers(const StorePaths& paths, const std::vector<oci::Digest>& layers);

}  // namespace mybuild::cache
