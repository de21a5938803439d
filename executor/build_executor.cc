#include "executor/build_executor.h"

#include <chrono>

#include "base/fd.h"
#include "cache/snapshot_store.h"
#include "cache/step_index.h"
#include "executor/image_assembly.h"
#include "executor/layer_commit.h"
#include "executor/step_actions.h"
#include "executor/tmp_claim.h"
#include "oci/manifest.h"
#include "planner/cache_key.h"

namespace mybuild::executor {
namespace {

// The state a stage starts from: its base image's layers (pulled blobs,
// unpacked into snapshots on demand) or another stage's result.
Expected<StageState> BaseState(const planner::StagePlan& stage,
                               const std::vector<StageState>& done,
                               cache::BlobStore& blobs,
                               cache::SnapshotStore& snapshots) {
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
    for (size_t i = 0; i < m.layers.size(); ++i) {
      const oci::Digest& diff_id = s.config.diff_ids[i];
      RETURN_IF_ERROR(
          snapshots.Ensure(diff_id, blobs.Path(m.layers[i].digest)));
      s.layers.push_back({m.layers[i].digest, diff_id, m.layers[i].size,
                          m.layers[i].media_type});
    }
  }
  s.key = planner::BaseKey(stage, stage.base_stage >= 0 ? s.key : "");
  return s;
}

void AddHistory(StageState& s, const planner::Step& step, bool empty,
                const std::string& created) {
  oci::HistoryEntry h;
  h.created = created;
  h.created_by = step.created_by;
  h.comment = "mybuild";
  h.empty_layer = empty;
  s.config.history.push_back(h);
}

class StageRunner {
 public:
  StageRunner(const cache::StorePaths& store, cache::BlobStore& blobs,
              const ExecOptions& options, Progress& progress, int& next_id,
              const std::vector<StageState>& done)
      : done_(done),
        store_(store),
        blobs_(blobs),
        snapshots_(store),
        index_(store),
        options_(options),
        progress_(progress),
        next_id_(next_id) {}

  Status Run(const planner::StagePlan& stage, const std::string& label,
             StageState& s) {
    // Only steps that may make a layer are shown and counted, as BuildKit
    // shows only the steps it executes.
    int count = 0, index = 0;
    for (const planner::Step& step : stage.steps) {
      if (step.kind != planner::StepKind::kConfig) ++count;
    }
    for (const planner::Step& step : stage.steps) {
      StepLabel l{0, label, 0, count, step.text};
      if (step.kind != planner::StepKind::kConfig) {
        l.id = ++next_id_;
        l.index = ++index;
      }
      RETURN_IF_ERROR(RunStep(step, l, s));
    }
    s.config.config = stage.final_config;
    return Status::Ok();
  }

 private:
  Status RunStep(const planner::Step& step, const StepLabel& l, StageState& s) {
    if (step.kind == planner::StepKind::kConfig) {
      AddHistory(s, step, true, options_.created);
      return Status::Ok();
    }
    StepEnv env{store_, snapshots_, options_, progress_, [this](int stage) {
                  return done_[stage].LowerDirs(store_.SnapshotsDir());
                }};
    std::optional<std::string> dir;
    if (step.kind == planner::StepKind::kWorkdir) {
      ASSIGN_OR_RETURN(dir, StageWorkdirStep(step, s, env));
      if (!dir) {
        AddHistory(s, step, true, options_.created);
        return Status::Ok();
      }
    }
    if (!options_.no_cache) {
      ASSIGN_OR_RETURN(std::optional<cache::LayerRecord> hit,
                       index_.Lookup(step.cache_key));
      if (hit) {
        if (dir) (void)RemoveAll(*dir);
        progress_.Cached(l);
        RETURN_IF_ERROR(
            snapshots_.Ensure(hit->diff_id, blobs_.Path(hit->digest)));
        return Append(s, step, *hit);
      }
    }
    progress_.Started(l);
    auto start = std::chrono::steady_clock::now();
    if (step.kind == planner::StepKind::kRun) {
      ASSIGN_OR_RETURN(dir, RunCommand(step, s, env, l));
    } else if (step.kind == planner::StepKind::kCopy) {
      ASSIGN_OR_RETURN(dir, StageCopyStep(step, s, env));
    }
    ASSIGN_OR_RETURN(cache::LayerRecord layer,
                     CommitLayer(*dir, blobs_, snapshots_));
    RETURN_IF_ERROR(index_.Record(step.cache_key, layer));
    progress_.Done(l, std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - start)
                          .count());
    return Append(s, step, layer);
  }

  Status Append(StageState& s, const planner::Step& step,
                const cache::LayerRecord& layer) {
    s.layers.push_back(layer);
    s.config.diff_ids.push_back(layer.diff_id);
    AddHistory(s, step, false, options_.created);
    s.key = step.cache_key;
    return Status::Ok();
  }

  const std::vector<StageState>& done_;  // finished stages, by index
  const cache::StorePaths& store_;
  cache::BlobStore& blobs_;
  cache::SnapshotStore snapshots_;
  cache::StepIndex index_;
  const ExecOptions& options_;
  Progress& progress_;
  int& next_id_;
};

}  // namespace

Expected<BuiltImage> ExecuteBuild(const planner::BuildGraph& graph,
                                  const cache::StorePaths& store,
                                  const ExecOptions& options,
                                  Progress& progress) {
  // Held for the whole build; the first build after a killed one removes
  // what that one left in tmp/.
  ASSIGN_OR_RETURN(TmpClaim claim, TmpClaim::Acquire(store));
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(store));
  cache::SnapshotStore snapshots(store);
  std::vector<StageState> done(graph.stages.size());
  int next_id = 0;
  StageRunner runner(store, blobs, options, progress, next_id, done);
  for (int i : graph.order) {
    const planner::StagePlan& stage = graph.stages[i];
    ASSIGN_OR_RETURN(done[i], BaseState(stage, done, blobs, snapshots));
    std::string label =
        graph.order.size() > 1
            ? (stage.name.empty() ? std::to_string(i) : stage.name)
            : "";
    RETURN_IF_ERROR(runner.Run(stage, label, done[i]));
  }
  return AssembleImage(done[graph.target], options, blobs);
}

}  // namespace mybuild::executor
