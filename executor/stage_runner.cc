#include "executor/stage_runner.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "base/fd.h"
#include "cache/snapshot_store.h"
#include "cache/step_index.h"
#include "cache/step_lock.h"
#include "executor/cache_mounts.h"
#include "executor/disk_space.h"
#include "executor/layer_commit.h"
#include "executor/lazy_stages.h"
#include "executor/stage_base.h"
#include "executor/step_actions.h"
#include "executor/step_explain.h"

namespace mybuild::executor {
namespace {

std::vector<oci::Digest> DiffIds(const StageState& s) {
  std::vector<oci::Digest> out;
  for (const cache::LayerRecord& l : s.layers) out.push_back(l.diff_id);
  return out;
}

// What a RUN's cache mounts are called (CacheIdentity), for RemoteSteps.
std::vector<std::string> CacheIds(const planner::Step& step) {
  std::vector<std::string> ids;
  for (const planner::RunMount& m : step.run.mounts) {
    if (m.spec.type == frontend::MountType::kCache) ids.push_back(CacheIdentity(m.spec));
  }
  return ids;
}

class Runner {
 public:
  Runner(BuildShared& shared, int index)
      : sh_(shared), index_(index), stage_(shared.graph.stages[index]),
        snapshots_(shared.store), steps_(shared.store), history_(shared.store),
        explain_(shared, stage_) {
    int number = stage_.source_index >= 0 ? stage_.source_index : index;
    std::string me = stage_.name.empty() ? std::to_string(number) : stage_.name;
    // Images read by COPY --from (implicit stages) show no steps, so they
    // do not make a one-stage build multi-stage.
    // A stage of several platforms counts once.
    std::set<int> stages;
    for (int i : shared.graph.order) {
      const planner::StagePlan& s = shared.graph.stages[i];
      if (!s.implicit) stages.insert(s.source_index >= 0 ? s.source_index : i);
    }
    int shown = static_cast<int>(stages.size());
    // In progress an unnamed stage is "stage-N", as BuildKit shows it.
    if (shown > 1) label_ = stage_.name.empty() ? "stage-" + me : me;
    slot_prefix_ = me + "/";
    // Several platforms: each step says its stage's, as BuildKit's
    // "[linux/arm64 stage-1 2/3]"; --explain compares per platform.
    if (!shared.graph.targets.empty()) {
      std::string platform = stage_.platform.str();
      label_ = label_.empty() ? platform : platform + " " + label_;
      slot_prefix_ = platform + "/" + slot_prefix_;
    }
    for (const std::string& f : sh_.options.no_cache_filter) {
      if (f == me || f == std::to_string(number)) filtered_ = "--no-cache-filter " + f;
    }
  }

  Status Run() {
    ASSIGN_OR_RETURN(StageState s, BaseState(stage_, sh_.done, sh_.blobs));
    // Only steps that may make a layer are shown and counted, as BuildKit
    // shows only the steps it executes.
    int count = 0, index = 0;
    for (const planner::Step& step : stage_.steps) {
      if (step.kind != planner::StepKind::kConfig) ++count;
    }
    for (const planner::Step& step : stage_.steps) {
      if (sh_.cancelled) return Status(ErrorCode::kCancelled, "cancelled");
      StepLabel l{0, label_, 0, count, step.text, step.cache_key};
      if (step.kind != planner::StepKind::kConfig) {
        l.id = sh_.progress.NewId();
        l.index = ++index;
      }
      // A write of the store's that found no space says where.
      Status st = RunStep(step, l, s);
      if (st.ok()) continue;
      st = WithSpaceNote(st, sh_.store.TmpDir(), sh_.store.root());
      if (l.id > 0 && !sh_.cancelled && st.code() != ErrorCode::kCancelled) {
        sh_.progress.Failed(l, st.message());
      }
      return st;
    }
    s.config.config = stage_.final_config;
    s.config.author = stage_.final_author;
    sh_.done[index_] = std::move(s);
    return Status::Ok();
  }

 private:
  Status RunStep(const planner::Step& step, const StepLabel& l, StageState& s) {
    if (step.kind == planner::StepKind::kConfig) {
      AddHistory(s, step, true, ConfigTime(s));
      return Status::Ok();
    }
    StepEnv env{sh_.store, snapshots_, sh_.options, sh_.progress, [this](int stage) {
                  return sh_.done[stage].LowerDirs(sh_.store.SnapshotsDir());
                }};
    std::optional<std::string> dir;
    const std::string slot = slot_prefix_ + std::to_string(l.index);
    for (int r : Reads(step)) RETURN_IF_ERROR(ReadyStage(sh_, r, false));
    std::string below = Below(step, s);
    bool forced = sh_.options.no_cache || !filtered_.empty();
    cache::StepLookup found;
    if (!forced && Hit(found = FindOrImport(step.cache_key, below), below)) {
      return Reuse(step, l, s, found, slot);
    }
    // Another build may be running this very step: wait for it, then look
    // again; its result is as good as ours.
    bool busy = false;
    ASSIGN_OR_RETURN(cache::StepLock lock,
                     cache::StepLock::TryAcquire(sh_.store, step.cache_key, &busy));
    if (busy) {
      sh_.progress.Note("#" + std::to_string(l.id) + " waiting for another build running " + step.text);
      ASSIGN_OR_RETURN(lock, cache::StepLock::Acquire(sh_.store, step.cache_key));
    }
    // The step runs: the stages it reads must be there for real.
    for (int r : Reads(step)) RETURN_IF_ERROR(ReadyStage(sh_, r, true));
    below = Below(step, s);
    cache::StepLookup again = FindOrImport(step.cache_key, below);
    if (!forced && Hit(again, below)) {
      return Reuse(step, l, s, again, slot);
    }
    sh_.progress.Started(l);
    if (sh_.options.explain) {
      std::vector<std::string> why = forced ? std::vector<std::string>{sh_.options.no_cache ? "--no-cache" : filtered_}
                                            : explain_.WhyMissed(found, step, slot, last_line_);
      for (const std::string& line : why) {
        sh_.progress.Note("#" + std::to_string(l.id) + " explain: " + line);
      }
    }
    auto start = std::chrono::steady_clock::now();
    // The trees this step reads, unpacked only now that it runs, from
    // blobs that may still be on their way.
    RETURN_IF_ERROR(BlobsReady(sh_.options));
    RETURN_IF_ERROR(EnsureSnapshots(s, sh_.blobs, snapshots_));
    for (int r : Reads(step)) RETURN_IF_ERROR(EnsureSnapshots(sh_.done[r], sh_.blobs, snapshots_));
    if (step.kind == planner::StepKind::kWorkdir) {
      ASSIGN_OR_RETURN(dir, StageWorkdirStep(step, s, env));
    } else if (step.kind == planner::StepKind::kRun) {
      if (RemoteSteps* remote = sh_.options.remote) remote->BeforeRun(CacheIds(step), sh_.progress);
      ASSIGN_OR_RETURN(dir, RunCommand(WithProxy(step), s, env, l));
    } else if (step.kind == planner::StepKind::kCopy) {
      ASSIGN_OR_RETURN(dir, StageCopyStep(step, s, env));
    }
    Expected<cache::LayerRecord> layer = CommitLayer(*dir, sh_.blobs, snapshots_, sh_.options.max_mtime);
    if (!layer.ok()) {
      return layer.status().WithPrefix(step.file + ":" + std::to_string(step.line) +
                                       ": committing the layer of " + step.text);
    }
    ASSIGN_OR_RETURN(std::vector<planner::StepInput> inputs, explain_.Inputs(step));
    RETURN_IF_ERROR(history_.SaveInputs(step.cache_key, inputs));
    RETURN_IF_ERROR(steps_.Record(step.cache_key, {*layer, below, sh_.options.created}));
    sh_.progress.Done(l, std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - start).count());
    return Append(s, step, *layer, slot, sh_.options.created);
  }

  // The history time of an instruction that makes no layer: that of the
  // newest layer below it (the base image's when none), so that it does
  // not change the image of a build that reuses every step.
  const std::string& ConfigTime(const StageState& s) const {
    return sh_.options.created_is_fixed || s.config.created.empty() ? sh_.options.created
                                                                    : s.config.created;
  }

  // The local record, or one a --cache-from brought in when there is none
  // made on `below`.
  cache::StepLookup FindOrImport(const std::string& key, const std::string& below) {
    cache::StepLookup found = steps_.Find(key);
    RemoteSteps* remote = sh_.options.remote;
    cache::StepRecord record;
    if (!Hit(found, below) && remote && remote->Import(key, below, sh_.progress, &record)) {
      // Its blobs may still be coming: BlobsReady waits for them.
      found = {cache::RecordState::kPresent, record, ""};
    }
    return found;
  }

  static bool Hit(const cache::StepLookup& found, const std::string& below) {
    return found.state == cache::RecordState::kPresent && found.record.below == below;
  }

  Status Reuse(const planner::Step& step, const StepLabel& l, StageState& s,
               const cache::StepLookup& found, const std::string& slot) {
    sh_.progress.Cached(l);
    steps_.Touch(step.cache_key);
    const cache::LayerRecord& layer = found.record.layer;
    const std::string& ran = found.record.created;
    return Append(s, step, layer, slot,
                  sh_.options.created_is_fixed || ran.empty() ? sh_.options.created : ran);
  }

  // What the step's record must have been made on: the layers below it
  // and those of any stage it reads (COPY --from, RUN --mount from=).
  std::string Below(const planner::Step& step, const StageState& s) const {
    std::string below = cache::ChainOf(DiffIds(s));
    for (int r : Reads(step)) below += " " + StageChain(sh_, r);
    return below;
  }

  // The stages the step reads (COPY --from, RUN --mount from=).
  static std::vector<int> Reads(const planner::Step& step) {
    std::vector<int> reads;
    if (step.kind == planner::StepKind::kCopy && step.copy.from_stage >= 0) {
      reads.push_back(step.copy.from_stage);
    }
    for (const planner::RunMount& m : step.run.mounts) {
      if (m.from_stage >= 0) reads.push_back(m.from_stage);
    }
    return reads;
  }

  planner::Step WithProxy(const planner::Step& step) const {
    planner::Step out = step;
    for (const std::string& kv : sh_.graph.proxy_env) {
      std::string name = kv.substr(0, kv.find('=') + 1);
      bool set = std::any_of(out.run.env.begin(), out.run.env.end(),
                             [&](const std::string& e) { return e.rfind(name, 0) == 0; });
      if (!set) out.run.env.push_back(kv);
    }
    return out;
  }

  // `created`: when the layer was made (now, or when a reused step ran).
  Status Append(StageState& s, const planner::Step& step, const cache::LayerRecord& layer,
                const std::string& slot, const std::string& created) {
    s.layers.push_back(layer);
    s.config.diff_ids.push_back(layer.diff_id);
    s.config.created = created;
    AddHistory(s, step, false, created);
    s.key = step.cache_key;
    last_line_ = step.line;
    std::lock_guard<std::mutex> lock(sh_.mu);
    sh_.now[slot] = step.cache_key;
    return Status::Ok();
  }

  BuildShared& sh_;
  int index_;
  const planner::StagePlan& stage_;
  std::string label_, slot_prefix_, filtered_;
  cache::SnapshotStore snapshots_;
  cache::StepIndex steps_;
  cache::StepHistory history_;
  StepExplainer explain_;
  int last_line_ = 0;  // the line of the last layer step, for explain
};

}  // namespace

Status RunStage(BuildShared& shared, int index) {
  return Runner(shared, index).Run();
}

}  // namespace mybuild::executor
