#include "export/layer_variant.h"

#include <archive.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include <functional>

#include "base/fd.h"
#include "cache/blob_store.h"
#include "cache/blob_verify.h"
#include "cache/lazy_layers.h"
#include "export/zstd_sink.h"
#include "oci/blob_sink.h"
#include "oci/media_types.h"

namespace mybuild::exporter {
namespace {

namespace media = oci::media;
using media::Compression;

using Sink = std::function<Status(const char*, size_t)>;

// Reads of a plain tar, and of what libarchive decompresses.
constexpr size_t kChunk = 1 << 20;

// Streams the plain file at `path` into `sink`.
Status ReadPlain(const std::string& path, const Sink& sink) {
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(path, O_RDONLY));
  ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
  std::string buf(kChunk, '\0');
  while (true) {
    ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SysError("read", path, errno);
    if (n == 0) return Status::Ok();
    RETURN_IF_ERROR(sink(buf.data(), static_cast<size_t>(n)));
  }
}

// Streams the blob at `path`, decompressed whatever its compression, into `sink`.
Status Decompress(const std::string& path, const Sink& sink) {
  struct archive* a = archive_read_new();
  archive_read_support_filter_all(a);
  archive_read_support_format_raw(a);
  auto fail = [&](const char* what) {
    std::string msg = archive_error_string(a) ? archive_error_string(a) : "failed";
    archive_read_free(a);
    return IoError("layer \"" + path + "\": " + what + ": " + msg);
  };
  if (archive_read_open_filename(a, path.c_str(), 1 << 20) != ARCHIVE_OK) return fail("open");
  struct archive_entry* e;
  if (archive_read_next_header(a, &e) != ARCHIVE_OK) return fail("read");
  std::string buf(kChunk, '\0');
  while (true) {
    la_ssize_t n = archive_read_data(a, buf.data(), buf.size());
    if (n < 0) return fail("decompress");
    if (n == 0) break;
    Status st = sink(buf.data(), static_cast<size_t>(n));
    if (!st.ok()) {
      archive_read_free(a);
      return st;
    }
  }
  archive_read_free(a);
  return Status::Ok();
}

// The layer `layer` (at `from`) decompressed into `to`, compressed as
// `opts` asks. A blob whose digest is its diff_id is the tar itself: while
// its verified mark holds it is read as it is and not hashed again, so
// every byte is hashed once, the compressed ones. Any other is decompressed
// as its bytes say (not its media type: a rewritten layer may keep a tar
// type over gzip bytes) and its tar hashed against the diff_id. A gzip or
// plain blob is fsynced only when `sync` (zstd's always is).
Expected<oci::LayerBlob> Recompress(const cache::StorePaths& store, const oci::Descriptor& layer,
                                    const oci::Digest& diff_id, const std::string& to,
                                    const LayerOptions& opts, bool sync) {
  const std::string from = store.Blob(layer.digest);
  bool trusted = layer.digest == diff_id && cache::BlobVerifier(store).IsMarked(diff_id);
  auto stream = [&](const Sink& sink) {
    return trusted ? ReadPlain(from, sink) : Decompress(from, sink);
  };
  if (opts.compression == LayerCompression::kZstd) {
    ASSIGN_OR_RETURN(std::unique_ptr<ZstdSink> sink, ZstdSink::Create(to, opts.level.value_or(3)));
    if (trusted) sink->TrustTar(diff_id);
    RETURN_IF_ERROR(stream([&](const char* d, size_t n) { return sink->Write(d, n); }));
    return sink->Finish();
  }
  int level = opts.compression == LayerCompression::kGzip ? opts.level.value_or(kDefaultGzipLevel) : 0;
  ASSIGN_OR_RETURN(oci::BlobSink sink, oci::BlobSink::Create(to, level));
  if (trusted) sink.TrustTar(diff_id);
  if (!sync) sink.SkipSync();
  RETURN_IF_ERROR(stream([&](const char* d, size_t n) { return sink.Write(d, n); }));
  return sink.Finish();
}

// "gzip-2", "zstd-3" or "tar": how `opts` compresses, naming a variant.
std::string VariantKind(const LayerOptions& opts) {
  switch (opts.compression) {
    case LayerCompression::kGzip: return "gzip-" + std::to_string(opts.level.value_or(kDefaultGzipLevel));
    case LayerCompression::kZstd: return "zstd-" + std::to_string(opts.level.value_or(3));
    case LayerCompression::kUncompressed: return "tar";
  }
  return "?";
}

// The variant an earlier export made, when its blob is still there.
std::optional<oci::Descriptor> KnownVariant(const cache::StorePaths& store,
                                            const cache::BlobStore& blobs,
                                            const oci::Descriptor& layer, const std::string& kind) {
  Expected<std::string> text = ReadFile(store.Variant(layer.digest, kind));
  if (!text.ok()) return std::nullopt;
  Expected<oci::Digest> d = oci::Digest::Parse(*text);
  // An unmarked blob is hashed (and marked when right): it may be one a
  // crash tore before its UnsyncedBlobs::Sync, then made again.
  if (!d.ok() || !cache::BlobVerifier(store).CheckForUse(*d, -1).ok()) return std::nullopt;
  Expected<int64_t> size = blobs.Size(*d);
  if (!size.ok()) return std::nullopt;
  oci::Descriptor out = layer;
  out.digest = *d;
  out.size = *size;
  return out;
}

// Writes `d` to `path` through a temp file and rename, best effort.
void RememberVariant(const std::string& path, const oci::Digest& d) {
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  Expected<UniqueFd> fd = OpenFile(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!fd.ok()) return;
  if (!WriteAll(fd->get(), d.str(), tmp).ok() || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
  }
}

}  // namespace

Expected<oci::Descriptor> LayerVariant(const cache::StorePaths& store,
                                       const oci::Descriptor& layer,
                                       const oci::Digest& diff_id,
                                       const LayerOptions& opts,
                                       cache::UnsyncedBlobs* unsynced) {
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store));
  std::string kind = VariantKind(opts);
  if (std::optional<oci::Descriptor> known = KnownVariant(store, blobs, layer, kind)) {
    return *known;
  }
  ASSIGN_OR_RETURN(std::string tmp, blobs.NewTempPath());
  // A lazy layer (cache/lazy_layers.h) is gzipped from its snapshot: its
  // plain tar is never written.
  std::optional<oci::LayerBlob> direct;
  if (opts.compression == LayerCompression::kGzip) {
    ASSIGN_OR_RETURN(direct, cache::WriteLazyLayerGzip(store, layer.digest, tmp,
                                                       opts.level.value_or(kDefaultGzipLevel), !unsynced));
  }
  if (!direct) RETURN_IF_ERROR(cache::MaterializeLayer(store, layer.digest));
  ASSIGN_OR_RETURN(oci::LayerBlob out, direct ? std::move(direct).value()
                                              : Recompress(store, layer, diff_id, tmp, opts,
                                                           !unsynced));
  if (out.diff_id != diff_id) {
    ::unlink(tmp.c_str());
    return Internal("layer " + layer.digest.str() + " uncompresses to " + out.diff_id.str() +
                    ", not its diff_id " + diff_id.str());
  }
  if (unsynced) {
    RETURN_IF_ERROR(blobs.CommitUnsynced(tmp, out.digest));
    unsynced->Add(out.digest);
  } else {
    RETURN_IF_ERROR(blobs.CommitWritten(tmp, out.digest));
  }
  // A variant not remembered is only made again next time: so the record
  // is renamed into place without fsync (a crash may leave it empty, read
  // as no record).
  if (MakeDirs(store.VariantsDir(layer.digest)).ok()) {
    RememberVariant(store.Variant(layer.digest, kind), out.digest);
  }
  oci::Descriptor d = layer;
  d.digest = out.digest;
  d.size = out.size;
  return d;
}

std::string LayerMediaType(bool oci, LayerCompression c) {
  if (c == LayerCompression::kZstd) return std::string(media::kOciLayerZstd);
  bool gzip = c == LayerCompression::kGzip;
  if (oci) return std::string(gzip ? media::kOciLayerGzip : media::kOciLayer);
  return std::string(gzip ? media::kDockerLayerGzip : media::kDockerLayerUncompressed);
}

std::optional<LayerCompression> LayerCompressionOf(const std::string& media_type) {
  switch (media::LayerCompression(media_type)) {
    case Compression::kGzip: return LayerCompression::kGzip;
    case Compression::kZstd: return LayerCompression::kZstd;
    case Compression::kNone: return LayerCompression::kUncompressed;
    default: return std::nullopt;
  }
}

}  // namespace mybuild::exporter
