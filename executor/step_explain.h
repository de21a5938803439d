// --explain: why a step that was not reused had to run, by comparing its
// named inputs (planner/step_inputs.h) with those of the key the same step
// (the same stage and position, in the same context and Dockerfile) had in
// its last build.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "cache/step_history.h"
#include "cache/step_index.h"
#include "planner/build_graph.h"

namespace mybuild::executor {

struct BuildShared;

class StepExplainer {
 public:
  StepExplainer(const BuildShared& shared, const planner::StagePlan& stage)
      : shared_(shared), stage_(stage) {}

  // The step's named inputs; a COPY from the context names every file
  // (instead of the digest of all of them).
  Expected<std::vector<planner::StepInput>> Inputs(const planner::Step& step) const;

  // One line per reason, e.g.
  //   ARG VERSION: "1.0" -> "2.0"
  //   file src/a.c: content changed
  //   parent: the step below changed (Dockerfile:4)
  //   the layers below it changed since it was cached
  //   its cached layer was pruned
  //   no earlier build of this step to compare with
  // `found` is what the step index held for the key; `last_line` the line
  // of the stage's previous layer step (0 when this is its first).
  std::vector<std::string> WhyMissed(const cache::StepLookup& found,
                                     const planner::Step& step,
                                     const std::string& slot, int last_line) const;

 private:
  std::string ParentNote(const planner::Step& step, int last_line) const;

  const BuildShared& shared_;
  const planner::StagePlan& stage_;
};

}  // namespace mybuild::executor
