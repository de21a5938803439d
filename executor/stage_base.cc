#include "executor/stage_base.h"

#include <fcntl.h>
#include <sys/stat.h>

#include "oci/manifest.h"
#include "planner/cache_key.h"

namespace mybuild::executor {
namespace {

// A used blob's mtime is when it was last used, for prune --filter until=.
void Touch(const std::string& path) { ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0); }

}  // namespace

Expected<StageState> BaseState(const planner::StagePlan& stage,
                               const std::vector<StageState>& done,
                               cache::BlobStore& blobs) {
  StageState s;
  if (stage.base_stage >= 0) {
    s = done[stage.base_stage];
  } else if (!stage.base_image.empty()) {
    ASSIGN_OR_RETURN(std::string text, blobs.Get(stage.base_manifest));
    ASSIGN_OR_RETURN(oci::Manifest m, oci::Manifest::FromJson(text));
    s.config = stage.base_config;
    if (m.layers.size() != s.config.diff_ids.size()) {
      return InvalidArgument("image " + stage.base_image + ": manifest has " +
                             std::to_string(m.layers.size()) +
                             " layers but its config lists " +
                             std::to_string(s.config.diff_ids.size()));
    }
    Touch(blobs.Path(stage.base_manifest));
    Touch(blobs.Path(m.config.digest));
    for (size_t i = 0; i < m.layers.size(); ++i) {
      const oci::Digest& diff_id = s.config.diff_ids[i];
      Touch(blobs.Path(m.layers[i].digest));
      s.layers.push_back({m.layers[i].digest, diff_id, m.layers[i].size,
                          m.layers[i].media_type});
    }
    s.base_layers = s.layers.size();
    s.base_history = s.config.history.size();
  }
  s.key = planner::BaseKey(stage, stage.base_stage >= 0 ? s.key : "");
  return s;
}

Status EnsureSnapshots(const StageState& s, cache::BlobStore& blobs,
                       cache::SnapshotStore& snapshots) {
  std::vector<cache::SnapshotStore::Layer> layers;
  for (const cache::LayerRecord& l : s.layers) layers.push_back({l.diff_id, blobs.Path(l.digest)});
  return snapshots.EnsureAll(layers, /*workers=*/0);
}

void AddHistory(StageState& s, const planner::Step& step, bool empty,
                const std::string& created) {
  oci::HistoryEntry h;
  h.created = created;
  h.created_by = step.created_by;
  h.comment = "buildkit.dockerfile.v0";
  h.empty_layer = empty;
  s.config.history.push_back(h);
}

}  // namespace mybuild::executor
