// With --cache-from, a stage whose results only other stages' COPY --from
// and RUN --mount from= read, and whose every step is cached (a local
// record or a cache's, each made on the layers before it), is predicted
// before the build from the step records alone (nothing fetched or
// unpacked) and not run: it runs, in the thread of the step reading it,
// only when that step itself must run. A fully cached multi-stage build
// then fetches the final image's layers and nothing of its builder stages;
// a stage with a step to run is an ordinary task (stages stay parallel).
#pragma once

#include <optional>
#include <vector>

#include "executor/stage_runner.h"
#include "executor/stage_state.h"
#include "planner/build_graph.h"

namespace mybuild::executor {

// The stages of graph.order that may wait: not the target, no stage's base
// (FROM), and read by some other stage.
std::vector<bool> LazyStages(const planner::BuildGraph& graph);

// deps[t] with each lazy stage replaced by what it waits for, recursively.
std::vector<std::vector<int>> DepsWithoutLazy(
    const std::vector<std::vector<int>>& deps, const std::vector<bool>& lazy);

// The state stage `index` ends in when every layer step of it is reused (a
// local record or shared.options.remote's, each made on the layers below
// it), read from records only: no blob fetched, no snapshot unpacked.
// nullopt when some step would have to run (or a WORKDIR has no record),
// or when the stage is FROM another stage.
// Stages it reads are made ready through ReadyStage.
std::optional<StageState> PredictStage(BuildShared& shared, int index);

}  // namespace mybuild::executor
