#include "remote_cache/cache_mount_layers.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "base/fd.h"
#include "base/sha256.h"
#include "cache/blob_store.h"
#include "executor/cache_mounts.h"
#include "oci/layer_tree.h"
#include "oci/layer_writer.h"
#include "oci/unpack.h"
#include "remote_cache/cache_exporter.h"

namespace mybuild::remote_cache {
namespace {

Expected<cache::LayerRecord> Pack(const std::string& dir,
                                  cache::BlobStore& blobs) {
  ASSIGN_OR_RETURN(std::string tmp, blobs.NewTempPath());
  Expected<oci::LayerBlob> blob = [&]() -> Expected<oci::LayerBlob> {
    ASSIGN_OR_RETURN(oci::LayerWriter w, oci::LayerWriter::Create(tmp));
    RETURN_IF_ERROR(oci::AddTree(w, dir));
    return w.Finish();
  }();
  if (!blob.ok()) {
    ::unlink(tmp.c_str());
    return blob.status().WithPrefix(dir);
  }
  RETURN_IF_ERROR(blobs.CommitWritten(tmp, blob->digest));
  return cache::LayerRecord{blob->digest, blob->diff_id, blob->size,
                            blob->media_type};
}

}  // namespace

std::string CacheMountPath(const cache::StorePaths& store,
                           const std::string& id) {
  return executor::CacheMountDir(store.root() + "/cache-mounts", id);
}

Expected<std::vector<CacheMountRecord>> PackCacheMounts(
    const planner::BuildGraph& graph, const cache::StorePaths& store,
    CacheMode mode) {
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store));
  std::vector<CacheMountRecord> out;
  std::set<std::string> seen;
  for (int s : ExportedStages(graph, mode)) {
    for (const planner::Step& step : graph.stages[s].steps) {
      for (const planner::RunMount& m : step.run.mounts) {
        if (m.spec.type != frontend::MountType::kCache) continue;
        std::string id = executor::CacheIdentity(m.spec);
        std::string dir = CacheMountPath(store, id);
        std::error_code ec;
        if (!seen.insert(id).second || !std::filesystem::is_directory(dir, ec))
          continue;
        ASSIGN_OR_RETURN(cache::LayerRecord layer, Pack(dir, blobs));
        out.push_back({Sha256Hex(id), layer});
      }
    }
  }
  return out;
}

Status UnpackCacheMount(const std::string& blob, const std::string& dir) {
  std::string tmpl = dir + ".import-XXXXXX";
  if (::mkdtemp(tmpl.data()) == nullptr)
    return SysError("mkdtemp", tmpl, errno);
  Status st = oci::UnpackLayer(blob, tmpl, oci::UnpackMode::kApply);
  if (st.ok() && ::rename(tmpl.c_str(), dir.c_str()) != 0) {
    if (errno != EEXIST && errno != ENOTEMPTY)
      st = SysError("rename", tmpl, errno);
  }
  (void)RemoveAll(tmpl);
  return st;
}

}  // namespace mybuild::remote_cache
