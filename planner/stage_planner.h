// Plans one stage: walks its instructions, expanding words in the stage's
// scope, updating the image config, and emitting a Step per instruction
// (ONBUILD emits none). Cache keys are chained from the stage's base key.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "frontend/dockerfile.h"
#include "planner/build_graph.h"
#include "planner/resolvers.h"
#include "planner/stage_graph.h"
#include "planner/stage_scope.h"

namespace mybuild::planner {

// BuildKit's words for a host network that was not granted; the planner's
// errors add what grants it.
inline constexpr char kNetworkHostNotAllowed[] = "network.host is not allowed";

struct StageInputs {
  std::string filename;
  char escape = '\\';
  // Build args given by the user, and the global ARGs' values.
  const std::map<std::string, std::string>* build_args;
  const std::map<std::string, std::string>* global_args;
  SourceDigester* sources;
  // For COPY --from and RUN --mount from=: the Dockerfile's stage names
  // (stage_graph.h) tell a stage from an image, and `stage_keys[i]` is the
  // last key of stage i once planned (every stage in plan.deps is).
  const StageNames* stage_names = nullptr;
  const std::vector<std::string>* stage_keys = nullptr;
  // COPY --from and RUN --mount from= values, as written, that StageByRef
  // finds no stage for: the stage they read once the global ARGs are
  // expanded (a stage of the Dockerfile, or an image's implicit stage).
  const std::map<std::string, int>* image_stages = nullptr;
  // The build-wide --network, for each RUN without its own.
  frontend::RunNetwork network = frontend::RunNetwork::kDefault;
  bool allow_network_host = false;
  const std::vector<std::pair<std::string, std::string>>* add_hosts = nullptr;
  // FROM another stage: that stage's final_args, in scope from the start
  // (BuildKit's stage inherits its base's ARGs); else null.
  const StageArgs* base_args = nullptr;
};

// Fills plan.steps and plan.final_config from `triggers` (the base image's
// ONBUILD instructions, already given the FROM line's range) and then
// `stage`, starting from plan.base_config, chaining keys from
// plan.base_key. Returns the stage's last key (base_key when it makes no
// layer).
Expected<std::string> PlanStage(const frontend::Stage& stage,
                                const std::vector<frontend::Instruction>& triggers,
                                const StageInputs& in, StagePlan& plan);

}  // namespace mybuild::planner
