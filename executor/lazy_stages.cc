#include "executor/lazy_stages.h"

#include <algorithm>

#include "cache/step_index.h"
#include "oci/manifest.h"
#include "planner/cache_key.h"

namespace mybuild::executor {
namespace {

std::vector<oci::Digest> DiffIdsOf(const StageState& s) {
  std::vector<oci::Digest> out;
  for (const cache::LayerRecord& l : s.layers) out.push_back(l.diff_id);
  return out;
}

// The base image's layers, as BaseState has them, without unpacking.
std::optional<StageState> PredictBase(BuildShared& sh,
                                      const planner::StagePlan& stage) {
  StageState s;
  if (stage.base_stage >= 0) {
    return std::nullopt;  // its base runs as a task, not finished yet
  } else if (!stage.base_image.empty()) {
    Expected<std::string> text = sh.blobs.Get(stage.base_manifest);
    if (!text.ok()) return std::nullopt;
    Expected<oci::Manifest> m = oci::Manifest::FromJson(*text);
    if (!m.ok() || m->layers.size() != stage.base_config.diff_ids.size())
      return std::nullopt;
    for (size_t i = 0; i < m->layers.size(); ++i) {
      s.layers.push_back({m->layers[i].digest, stage.base_config.diff_ids[i],
                          m->layers[i].size, m->layers[i].media_type});
    }
  }
  // The planner's key carries the platform and SOURCE_DATE_EPOCH; plans
  // made by hand may leave it out.
  s.key = stage.base_key.empty() ? planner::BaseKey(stage, "") : stage.base_key;
  return s;
}

}  // namespace

std::vector<bool> LazyStages(const planner::BuildGraph& graph) {
  std::vector<bool> lazy(graph.stages.size(), false);
  for (int s : graph.order) {
    bool base = false, read = false;
    for (int t : graph.order) {
      base = base || graph.stages[t].base_stage == s;
      const std::vector<int>& d = graph.stages[t].deps;
      read = read || (t != s && std::find(d.begin(), d.end(), s) != d.end());
    }
    bool target = s == graph.target ||
                  std::find(graph.targets.begin(), graph.targets.end(), s) != graph.targets.end();
    lazy[s] = !target && !base && read;
  }
  return lazy;
}

std::vector<std::vector<int>> DepsWithoutLazy(
    const std::vector<std::vector<int>>& deps, const std::vector<bool>& lazy) {
  std::vector<std::vector<int>> out(deps.size());
  for (size_t t = 0; t < deps.size(); ++t) {
    std::vector<int> todo = deps[t], seen;
    while (!todo.empty()) {
      int d = todo.back();
      todo.pop_back();
      if (std::find(seen.begin(), seen.end(), d) != seen.end()) continue;
      seen.push_back(d);
      if (!lazy[d])
        out[t].push_back(d);
      else
        todo.insert(todo.end(), deps[d].begin(), deps[d].end());
    }
  }
  return out;
}

std::optional<StageState> PredictStage(BuildShared& sh, int index) {
  const planner::StagePlan& stage = sh.graph.stages[index];
  std::optional<StageState> s = PredictBase(sh, stage);
  cache::StepIndex steps(sh.store);
  for (const planner::Step& step : stage.steps) {
    if (!s || step.kind == planner::StepKind::kConfig) continue;
    std::vector<int> reads;
    if (step.kind == planner::StepKind::kCopy && step.copy.from_stage >= 0) {
      reads.push_back(step.copy.from_stage);
    }
    for (const planner::RunMount& m : step.run.mounts) {
      if (m.from_stage >= 0) reads.push_back(m.from_stage);
    }
    std::string below = cache::ChainOf(DiffIdsOf(*s));
    for (int r : reads) {
      if (!ReadyStage(sh, r, false).ok()) return std::nullopt;
      below += " " + StageChain(sh, r);
    }
    cache::StepLookup found = steps.Find(step.cache_key);
    cache::LayerRecord layer = found.record.layer;
    bool hit = found.state == cache::RecordState::kPresent &&
               found.record.below == below;
    if (!hit && !sh.options.remote->Peek(step.cache_key, below, &layer))
      return std::nullopt;
    s->layers.push_back(layer);
    s->key = step.cache_key;
  }
  return s;
}

Status ReadyStage(BuildShared& shared, int stage, bool run) {
  if (shared.lazy.empty() || !shared.lazy[stage]) return Status::Ok();
  std::lock_guard<std::recursive_mutex> lock(shared.lazy_mu);
  int& state = shared.lazy_state[stage];
  if (state == 2 || (state == 1 && !run)) return Status::Ok();
  if (!run) {
    if (std::optional<StageState> p = PredictStage(shared, stage)) {
      shared.done[stage] = std::move(*p);
      state = 1;
      return Status::Ok();
    }
  }
  RETURN_IF_ERROR(RunStage(shared, stage));
  state = 2;
  return Status::Ok();
}

std::string StageChain(BuildShared& shared, int stage) {
  std::unique_lock<std::recursive_mutex> lock(shared.lazy_mu, std::defer_lock);
  if (!shared.lazy.empty() && shared.lazy[stage]) lock.lock();
  return cache::ChainOf(DiffIdsOf(shared.done[stage]));
}

}  // namespace mybuild::executor
