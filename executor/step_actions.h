// What each layer-making step does on a cache miss. Each returns a finished
// directory holding exactly the step's changes, for CommitLayer.
#pragma once

#include <functional>
#include <string>

#include "base/status.h"
#include "cache/snapshot_store.h"
#include "cache/store_paths.h"
#include "executor/build_executor.h"
#include "executor/progress.h"
#include "executor/stage_state.h"
#include "planner/build_graph.h"

namespace mybuild::executor {

struct StepEnv {
  const cache::StorePaths& store;
  cache::SnapshotStore& snapshots;
  const ExecOptions& options;
  Progress& progress;
  // A finished stage's layer dirs, top-most first (RUN --mount from=).
  std::function<std::vector<std::string>(int stage)> stage_layers;
};

// Runs a RUN step in the sandbox over the stage's layers; returns the
// overlay upper dir. A non-zero exit is kBuildFailed naming the line.
Expected<std::string> RunCommand(const planner::Step& step,
                                 const StageState& state, const StepEnv& env,
                                 const StepLabel& label);

// Stages a COPY from the context; returns the staging dir.
Expected<std::string> StageCopyStep(const planner::Step& step,
                                    const StageState& state,
                                    const StepEnv& env);

// Stages WORKDIR's directory; returns the staging dir. When the directory
// already exists the staging dir is empty, and the step makes an empty
// layer, as BuildKit's mkdir does. The directories it makes are owned by
// the step's USER as --chown would be (ResolveChown, in the image's
// /etc/passwd and /etc/group); those that exist keep their owner.
Expected<std::string> StageWorkdirStep(const planner::Step& step,
                                       const StageState& state,
                                       const StepEnv& env);

}  // namespace mybuild::executor
