#include "export/timestamp_rewrite.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <optional>

#include "base/fd.h"
#include "cache/blob_store.h"
#include "export/layer_variant.h"
#include "oci/image_config.h"
#include "oci/layer_reader.h"
#include "oci/layer_writer.h"
#include "cache/lazy_layers.h"

namespace mybuild::exporter {
namespace {

// Files up to this size are carried in memory; larger ones through an
// unlinked temp file.
constexpr int64_t kInMemory = 64 << 20;

std::string Rfc3339(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Seconds of an RFC 3339 time ("2023-11-14T22:13:20Z", fractions and a
// zone offset allowed); nullopt when it is not one.
std::optional<int64_t> ParseTime(const std::string& s) {
  std::tm tm{};
  const char* end = ::strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (!end) return std::nullopt;
  int64_t t = ::timegm(&tm);
  if (*end == '.') {
    ++end;
    while (*end >= '0' && *end <= '9') ++end;
  }
  if (*end == '+' || *end == '-') {
    int h = 0, m = 0;
    if (std::sscanf(end + 1, "%2d:%2d", &h, &m) != 2) return std::nullopt;
    t -= (*end == '+' ? 1 : -1) * (h * 3600 + m * 60);
  } else if (*end != 'Z' && *end != 'z') {
    return std::nullopt;
  }
  return t;
}

std::string_view BaseName(std::string_view p) {
  size_t slash = p.rfind('/');
  return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

std::string DirName(std::string_view p) {
  size_t slash = p.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(p.substr(0, slash));
}

// Copies the current file entry's content from `r` into `w`.
Status CopyFile(oci::LayerReader& r, oci::LayerWriter& w, const oci::TarEntry& e,
                const std::string& spill) {
  std::string buf(1 << 20, '\0');
  if (e.size <= kInMemory) {
    std::string content;
    content.reserve(static_cast<size_t>(e.size));
    while (true) {
      ASSIGN_OR_RETURN(size_t n, r.Read(buf.data(), buf.size()));
      if (n == 0) break;
      content.append(buf.data(), n);
    }
    return w.AddBytes(e, content);
  }
  ASSIGN_OR_RETURN(UniqueFd fd, OpenFile(spill, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  ::unlink(spill.c_str());
  while (true) {
    ASSIGN_OR_RETURN(size_t n, r.Read(buf.data(), buf.size()));
    if (n == 0) break;
    RETURN_IF_ERROR(WriteAll(fd.get(), std::string_view(buf.data(), n), spill));
  }
  if (::lseek(fd.get(), 0, SEEK_SET) != 0) return SysError("lseek", spill, errno);
  return w.AddFromFd(e, fd.get());
}

// Writes the layer at `from` again into `to` with mtimes clamped to `epoch`,
// entry for entry, as the build's layer writer writes them, gzipped at
// `gzip_level` (0: a plain tar).
Expected<oci::LayerBlob> RewriteLayer(const std::string& from, const std::string& to,
                                      const std::string& spill, int64_t epoch, int gzip_level) {
  ASSIGN_OR_RETURN(oci::LayerReader r, oci::LayerReader::Open(from));
  ASSIGN_OR_RETURN(oci::LayerWriter w,
                   oci::LayerWriter::Create(to, {.gzip_level = gzip_level}));
  while (true) {
    ASSIGN_OR_RETURN(std::optional<oci::TarEntry> next, r.Next());
    if (!next) break;
    oci::TarEntry& e = *next;
    if (e.path.empty()) continue;  // "./": the root is no entry of ours
    e.mtime = std::min(e.mtime, epoch);
    std::string_view base = BaseName(e.path);
    if (base == oci::kOpaqueWhiteout) {
      RETURN_IF_ERROR(w.AddOpaque(DirName(e.path), e));
    } else if (base.starts_with(oci::kWhiteoutPrefix)) {
      std::string dir = DirName(e.path);
      std::string name(base.substr(sizeof(oci::kWhiteoutPrefix) - 1));
      RETURN_IF_ERROR(w.AddWhiteout(dir.empty() ? name : dir + "/" + name, e));
    } else if (e.type == oci::EntryType::kFile) {
      RETURN_IF_ERROR(CopyFile(r, w, e, spill));
    } else {
      RETURN_IF_ERROR(w.Add(e));
    }
  }
  return w.Finish();
}

struct Rewritten {
  oci::Descriptor layer;
  oci::Digest diff_id;
};

// "sha256:<blob> sha256:<diff_id>" of an earlier rewrite, while its blob is there.
std::optional<Rewritten> Known(const cache::StorePaths& store, const cache::BlobStore& blobs,
                               const oci::Descriptor& layer, const std::string& kind) {
  Expected<std::string> text = ReadFile(store.Variant(layer.digest, kind));
  if (!text.ok()) return std::nullopt;
  size_t space = text->find(' ');
  if (space == std::string::npos) return std::nullopt;
  Expected<oci::Digest> blob = oci::Digest::Parse(text->substr(0, space));
  Expected<oci::Digest> diff_id = oci::Digest::Parse(text->substr(space + 1));
  if (!blob.ok() || !diff_id.ok() || !blobs.Has(*blob)) return std::nullopt;
  Expected<int64_t> size = blobs.Size(*blob);
  if (!size.ok()) return std::nullopt;
  Rewritten out{layer, *diff_id};
  out.layer.digest = *blob;
  out.layer.size = *size;
  return out;
}

Expected<Rewritten> Rewrite(const cache::StorePaths& store, const oci::Descriptor& layer,
                            const oci::Digest& diff_id, int64_t epoch) {
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store));
  std::string kind = "epoch-" + std::to_string(epoch);
  if (std::optional<Rewritten> known = Known(store, blobs, layer, kind)) return *known;
  RETURN_IF_ERROR(cache::MaterializeLayer(store, layer.digest));
  ASSIGN_OR_RETURN(std::string tmp, blobs.NewTempPath());
  ASSIGN_OR_RETURN(std::string spill, blobs.NewTempPath());
  // A plain tar stays one (the build's own layers: an output compresses
  // them later); anything else comes out gzipped, and its type says so.
  bool plain = LayerCompressionOf(layer.media_type) == LayerCompression::kUncompressed;
  Expected<oci::LayerBlob> out =
      RewriteLayer(store.Blob(layer.digest), tmp, spill, epoch, plain ? 0 : 6);
  if (!out.ok()) {
    ::unlink(tmp.c_str());
    return out.status().WithPrefix("rewrite-timestamp: layer " + layer.digest.str());
  }
  Rewritten r{layer, diff_id};
  if (out->diff_id == diff_id) {
    ::unlink(tmp.c_str());  // nothing was later than the epoch
  } else {
    RETURN_IF_ERROR(blobs.CommitWritten(tmp, out->digest));
    r.layer.digest = out->digest;
    r.layer.size = out->size;
    if (!plain) {
      r.layer.media_type =
          LayerMediaType(!layer.media_type.starts_with("application/vnd.docker."),
                         LayerCompression::kGzip);
    }
    r.diff_id = out->diff_id;
  }
  if (MakeDirs(store.VariantsDir(layer.digest)).ok()) {
    (void)WriteFileAtomic(store.Variant(layer.digest, kind),
                          r.layer.digest.str() + " " + r.diff_id.str());
  }
  return r;
}

}  // namespace

Expected<StoredImage> ApplyEpoch(const cache::StorePaths& store, const StoredImage& image,
                                 const EpochRewrite& opts) {
  oci::Manifest m = image.manifest;
  ASSIGN_OR_RETURN(std::string config_text, ReadFile(store.Blob(m.config.digest)));
  ASSIGN_OR_RETURN(oci::ImageConfig config, oci::ImageConfig::FromJson(config_text));
  if (config.diff_ids.size() != m.layers.size()) {
    return Internal("image " + image.digest.str() + ": " + std::to_string(m.layers.size()) +
                    " layers but " + std::to_string(config.diff_ids.size()) + " diff_ids");
  }
  oci::ImageConfig before = config;
  std::string epoch_time = Rfc3339(opts.epoch);
  std::optional<int64_t> created = ParseTime(config.created);
  if (!created || *created > opts.epoch) config.created = epoch_time;
  for (size_t i = opts.base_history; i < config.history.size(); ++i) {
    std::optional<int64_t> t = ParseTime(config.history[i].created);
    if (!t || *t > opts.epoch) config.history[i].created = epoch_time;
  }
  if (opts.layers) {
    for (size_t i = opts.base_layers; i < m.layers.size(); ++i) {
      ASSIGN_OR_RETURN(Rewritten r, Rewrite(store, m.layers[i], config.diff_ids[i], opts.epoch));
      m.layers[i] = r.layer;
      config.diff_ids[i] = r.diff_id;
    }
  }
  if (config == before && m == image.manifest) return image;
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store));
  std::string new_config = config.ToJson();
  ASSIGN_OR_RETURN(m.config.digest, blobs.Put(new_config));
  m.config.size = static_cast<int64_t>(new_config.size());
  StoredImage out;
  out.manifest_json = m.ToJson();
  ASSIGN_OR_RETURN(out.digest, blobs.Put(out.manifest_json));
  out.manifest = std::move(m);
  return out;
}

}  // namespace mybuild::exporter
