// Plans one stage: walks its instructions, expanding words in the stage's
// scope, updating the image config, and emitting a Step per instruction
// (ARG emits none). Cache keys are chained from the stage's base key.
#pragma once

#include <map>
#include <string>

#include "base/status.h"
#include "frontend/dockerfile.h"
#include "planner/build_graph.h"
#include "planner/resolvers.h"
#include "planner/stage_scope.h"

namespace mybuild::planner {

struct StageInputs {
  std::string filename;
  char escape = '\\';
  // Build args given by the user, and the global ARGs' values.
  const std::map<std::string, std::string>* build_args;
  const std::map<std::string, std::string>* global_args;
  SourceDigester* sources;
};

// Fills plan.steps and plan.final_config from `stage`, starting from
// plan.base_config, chaining keys from `base_key`. Returns the stage's last
// key (base_key when it makes no layer).
Expected<std::string> PlanStage(const frontend::Stage& stage,
                                const StageInputs& in, StagePlan& plan,
                                const std::string& base_key);

}  // namespace mybuild::planner
