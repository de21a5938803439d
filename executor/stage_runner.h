// Runs the steps of one stage against the step cache: a layer step whose
// key has a record made on the same layers is reused; otherwise the build
// takes the key's step lock (waiting while another build runs the same
// step, then reusing its result), runs it and stores its layer, record and
// named inputs. With ExecOptions::explain, every step that runs first says
// why. Several stages of one build may run at once, each in its own thread.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "cache/blob_store.h"
#include "cache/step_history.h"
#include "cache/store_paths.h"
#include "executor/build_executor.h"
#include "executor/progress.h"
#include "executor/stage_state.h"
#include "planner/build_graph.h"

namespace mybuild::executor {

// What the stages of one build share.
struct BuildShared {
  BuildShared(const planner::BuildGraph& g, const cache::StorePaths& st,
              const ExecOptions& o, Progress& p, cache::BlobStore& b)
      : graph(g), store(st), options(o), progress(p), blobs(b), done(g.stages.size()) {}

  const planner::BuildGraph& graph;
  const cache::StorePaths& store;
  const ExecOptions& options;
  Progress& progress;
  cache::BlobStore& blobs;
  // Each stage's result, written only by its own runner; a runner reads
  // only the stages in its plan's deps, which have finished before it runs.
  std::vector<StageState> done;
  std::atomic<bool> cancelled{false};  // another stage failed: stop
  // The key of each step slot ("stage/n") in the last build of the same
  // context and Dockerfile, and in this one.
  cache::BuildHistory last;
  std::mutex mu;  // guards `now`
  cache::BuildHistory now;
  // lazy_stages.h: stages run only when a step reading them must run.
  std::vector<bool> lazy;   // empty: none
  std::vector<int> lazy_state;  // per stage: 0 waiting, 1 predicted, 2 run
  std::recursive_mutex lazy_mu;  // guards lazy_state and lazy stages' done
};

// (lazy_stages.cc) Makes shared.done[stage] usable by a step that reads it: a stage that is
// not lazy has finished already; a lazy one was predicted (PredictStage),
// which serves unless `run` is set: then it is run here, once. Fails as
// RunStage does.
Status ReadyStage(BuildShared& shared, int stage, bool run);
// The ChainOf() the layers of shared.done[stage] (locked for a lazy one).
std::string StageChain(BuildShared& shared, int stage);

// Runs stage `index` of shared.graph from its base to shared.done[index].
// Fails with the failing step's error (RUN errors name the Dockerfile
// line), or kCancelled when shared.cancelled was set before a step.
Status RunStage(BuildShared& shared, int index);

}  // namespace mybuild::executor
