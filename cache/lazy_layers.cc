#include "cache/lazy_layers.h"

#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "base/fd.h"
#include "cache/blob_store.h"
#include "oci/layer_tree.h"

namespace mybuild::cache {
namespace {

bool Exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

}  // namespace

Status RecordLazyLayer(const StorePaths& paths, const LazyLayer& layer) {
  RETURN_IF_ERROR(MakeDirs(paths.LazyDir()));
  nlohmann::json j = {{"digest", layer.digest.str()},
                      {"size", layer.size},
                      {"max_mtime", layer.max_mtime}};
  return WriteFileAtomic(paths.Lazy(layer.digest), j.dump() + "\n");
}

std::optional<LazyLayer> FindLazyLayer(const StorePaths& paths, const oci::Digest& d) {
  Expected<std::string> text = ReadFile(paths.Lazy(d));
  if (!text.ok() || !Exists(paths.Snapshot(d))) return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j["size"].is_number_integer() ||
      !j["max_mtime"].is_number_integer() || j["digest"] != d.str()) {
    return std::nullopt;  // a damaged record is no layer
  }
  return LazyLayer{d, j["size"].get<int64_t>(), j["max_mtime"].get<int64_t>()};
}

void ForgetLazyLayer(const StorePaths& paths, const oci::Digest& d) {
  ::unlink(paths.Lazy(d).c_str());
}

namespace {

// The tar of `lazy`'s snapshot, gzipped at `gzip_level` (0: plain) into
// `path` (or, empty, only hashed), checked against the record; fsynced
// when `sync`.
Expected<oci::LayerBlob> MakeTar(const StorePaths& paths, const LazyLayer& lazy,
                                 const std::string& path, int gzip_level, bool sync = true) {
  const oci::Digest& d = lazy.digest;
  const std::string snapshot = "snapshots/" + std::string(d.hex());
  Expected<oci::LayerBlob> blob = [&]() -> Expected<oci::LayerBlob> {
    ASSIGN_OR_RETURN(oci::LayerWriter w, oci::LayerWriter::Create(path, {.gzip_level = gzip_level, .sync = sync}));
    RETURN_IF_ERROR(oci::AddTree(w, paths.Snapshot(d), {.max_mtime = lazy.max_mtime}));
    return w.Finish();
  }();
  if (!blob.ok()) return blob.status().WithPrefix("layer " + d.str() + ": tar of " + snapshot);
  if (blob->diff_id != d || blob->tar_size != lazy.size) {
    return IoError("layer " + d.str() + ": its snapshot " + snapshot + " now makes " +
                   blob->diff_id.str() + "; remove the images that use it and build them again");
  }
  return blob;
}

}  // namespace

Status CheckLazyLayer(const StorePaths& paths, const oci::Digest& d) {
  std::optional<LazyLayer> lazy = FindLazyLayer(paths, d);
  if (!lazy) return NotFound("layer " + d.str() + " is not a lazy layer");
  return MakeTar(paths, *lazy, "", 0).status();
}

Status MaterializeLayer(const StorePaths& paths, const oci::Digest& d) {
  if (Exists(paths.Blob(d))) return Status::Ok();
  std::optional<LazyLayer> lazy = FindLazyLayer(paths, d);
  if (!lazy) return Status::Ok();
  ASSIGN_OR_RETURN(BlobStore blobs, BlobStore::Open(paths));
  ASSIGN_OR_RETURN(std::string tmp, blobs.NewTempPath());
  if (Status st = MakeTar(paths, *lazy, tmp, 0).status(); !st.ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  // The writer hashed every byte: MakeTar compared them with `d`.
  return blobs.CommitWritten(tmp, d);
}

Expected<std::optional<oci::LayerBlob>> WriteLazyLayerGzip(const StorePaths& paths,
                                                           const oci::Digest& d,
                                                           const std::string& path, int level,
                                                           bool sync) {
  std::optional<LazyLayer> lazy = FindLazyLayer(paths, d);
  if (!lazy || Exists(paths.Blob(d))) return std::optional<oci::LayerBlob>();
  Expected<oci::LayerBlob> blob = MakeTar(paths, *lazy, path, level, sync);
  if (!blob.ok()) {
    ::unlink(path.c_str());
    return blob.status();
  }
  return std::optional<oci::LayerBlob>(*blob);
}

Status MaterializeLayers(const StorePaths& paths, const std::vector<oci::Digest>& layers) {
  for (const oci::Digest& d : layers) RETURN_IF_ERROR(MaterializeLayer(paths, d));
  return Status::Ok();
}

}  // namespace mybuild::cache
