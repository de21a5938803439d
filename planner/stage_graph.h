// Which stages a build needs and in what order. A stage reads another
// through FROM <stage>, COPY --from=<stage> and RUN --mount from=<stage>,
// also inside the ONBUILD triggers it runs first. Pure: the caller supplies
// each stage's base and triggers as they become known.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "frontend/dockerfile.h"

namespace mybuild::planner {

// The stage `ref` names: a stage name (case-insensitive) or a stage index
// ("0"); -1 when it names an image instead.
int StageByRef(const frontend::Dockerfile& df, const std::string& ref);

// The stages `instructions` read through COPY --from and RUN --mount from=,
// sorted, without duplicates.
std::vector<int> FromStages(const frontend::Dockerfile& df,
                            const std::vector<frontend::Instruction>& instructions);

// A COPY --from or RUN --mount from= value that names no stage of the
// Dockerfile: an image reference, as written (words not yet expanded), and
// the line of its first use.
struct ImageRead {
  std::string ref;
  int line = 0;
};

// The image references `instructions` read (those of their COPY --from and
// RUN --mount from= values that StageByRef finds no stage for), in order of
// first use, without duplicates.
std::vector<ImageRead> FromImages(const frontend::Dockerfile& df,
                                  const std::vector<frontend::Instruction>& instructions);

// What the caller knows of one stage once it is needed: the stages it reads.
// Called at most once per stage, in the order stages are reached; its error
// (an unresolvable base image, a bad trigger) ends the walk.
using StageDeps = std::function<Expected<std::vector<int>>(int stage)>;

// The stages `target` needs, each after every stage it reads (dependencies
// first; a stage's reads are visited in index order, so the order is
// deterministic). A cycle fails, naming the FROM line of
// the stage where it closes:
//   Dockerfile:5: circular dependency detected on stage: a
Expected<std::vector<int>> BuildOrder(const frontend::Dockerfile& df,
                                      const std::string& filename, int target,
                                      const StageDeps& deps);

}  // namespace mybuild::planner
