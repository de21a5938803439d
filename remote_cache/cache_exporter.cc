#include "remote_cache/cache_exporter.h"

#include <set>

#include "cache/blob_store.h"
#include "cache/step_history.h"
#include "cache/step_index.h"
#include "export/layer_variant.h"
#include "oci/media_types.h"
#include "cache/lazy_layers.h"

namespace mybuild::remote_cache {

std::vector<int> ExportedStages(const planner::BuildGraph& graph,
                                CacheMode mode) {
  if (mode == CacheMode::kMax) return graph.order;
  std::set<int> chain;
  for (int s = graph.target; s >= 0; s = graph.stages[s].base_stage)
    chain.insert(s);
  std::vector<int> out;
  for (int s : graph.order) {
    if (chain.count(s)) out.push_back(s);
  }
  return out;
}

std::vector<CacheRecord> CollectRecords(const planner::BuildGraph& graph,
                                        const cache::StorePaths& store,
                                        CacheMode mode) {
  cache::StepIndex steps(store);
  std::vector<CacheRecord> out;
  std::set<std::string> seen;
  cache::StepHistory history(store);
  for (int s : ExportedStages(graph, mode)) {
    const planner::StagePlan& stage = graph.stages[s];
    std::string parent,
        prefix = (stage.name.empty() ? std::to_string(s) : stage.name) + "/";
    int n = 0;  // the executor's slot numbers: layer steps from 1
    for (const planner::Step& step : stage.steps) {
      if (step.kind != planner::StepKind::kConfig) ++n;
      if (step.cache_key.empty() || seen.count(step.cache_key)) continue;
      cache::StepLookup found = steps.Find(step.cache_key);
      if (found.state != cache::RecordState::kPresent) continue;
      seen.insert(step.cache_key);
      CacheRecord r{step.cache_key,
                    parent,
                    found.record.below,
                    found.record.created,
                    {found.record.layer},
                    prefix + std::to_string(n),
                    {}};
      r.inputs = history.LoadInputs(step.cache_key)
                     .value_or(std::vector<planner::StepInput>{});
      out.push_back(std::move(r));
      parent = step.cache_key;
    }
  }
  return out;
}

Status GzipLayers(std::vector<CacheRecord>& records,
                  const cache::StorePaths& store) {
  for (CacheRecord& r : records) {
    for (cache::LayerRecord& l : r.layers) {
      if (exporter::LayerCompressionOf(l.media_type) !=
          exporter::LayerCompression::kUncompressed)
        continue;
      ASSIGN_OR_RETURN(oci::Descriptor gz,
                       exporter::LayerVariant(store, Describe(l), l.diff_id,
                                              exporter::LayerOptions{}));
      bool oci = l.media_type.starts_with("application/vnd.oci.");
      l.digest = gz.digest;
      l.size = gz.size;
      l.media_type =
          exporter::LayerMediaType(oci, exporter::LayerCompression::kGzip);
    }
  }
  return Status::Ok();
}

Status ExportRecords(const std::vector<CacheRecord>& records,
                     const cache::StorePaths& store, CacheBackend& backend,
                     const std::vector<CacheMountRecord>& mounts,
                     bool image_manifest) {
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store));
  std::string config = RecordsToJson(records, mounts);
  ASSIGN_OR_RETURN(oci::Digest config_digest, blobs.Put(config));
  oci::Descriptor config_desc = Describe(kCacheConfigType, config_digest,
                                         static_cast<int64_t>(config.size()));
  std::vector<BlobFile> files{{config_desc, blobs.Path(config_digest)}};
  std::set<std::string> listed;
  for (const CacheRecord& r : records) {
    for (const cache::LayerRecord& l : r.layers) {
      if (!listed.insert(l.digest.str()).second) continue;
      RETURN_IF_ERROR(cache::MaterializeLayer(store, l.digest));
      files.push_back({Describe(l), blobs.Path(l.digest)});
    }
  }
  for (const CacheMountRecord& m : mounts) {
    if (!listed.insert(m.layer.digest.str()).second) continue;
    RETURN_IF_ERROR(cache::MaterializeLayer(store, m.layer.digest));
    files.push_back({Describe(m.layer), blobs.Path(m.layer.digest)});
  }
  if (image_manifest) {
    return backend.Write(std::string(oci::media::kOciManifest),
                         CacheManifestJson(config_desc, records, mounts), files);
  }
  return backend.Write(std::string(oci::media::kOciIndex),
                       CacheIndexJson(config_desc, records, mounts), files);
}

}  // namespace mybuild::remote_cache
