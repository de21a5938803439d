// Which stages a build needs and in what order. A stage reads another
// through FROM <stage>, COPY --from=<stage> and RUN --mount from=<stage>,
// also inside the ONBUILD triggers it runs first. Pure: the caller supplies
// each stage's base and triggers as they become known.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "frontend/dockerfile.h"

namespace mybuild::planner {

// The stages of a Dockerfile by name, each looked up in constant time (a
// Dockerfile may have 100,000 stages; a scan per lookup made planning
// quadratic). Copies the names: the Dockerfile need not outlive it.
class StageNames {
 public:
  explicit StageNames(const frontend::Dockerfile& df);

  // The stage `ref` names: a stage name (case-insensitive) or a stage index
  // ("0"); -1 when it names an image instead. Of two stages with one name
  // (only a lenient parse keeps both), the first.
  int ByRef(const std::string& ref) const;
  // The first stage named `name` (lower-case, as parsed) when it comes
  // before stage `before` (FROM reaches only backwards); else -1.
  int Earlier(const std::string& name, int before) const;

 private:
  std::unordered_map<std::string, int> first_;
  int count_;
};

// The stage `ref` names, as StageNames(df).ByRef(ref) (for a single
// lookup; build a StageNames for many).
int StageByRef(const frontend::Dockerfile& df, const std::string& ref);

// The stages `instructions` read through COPY --from and RUN --mount from=,
// sorted, without duplicates.
std::vector<int> FromStages(const StageNames& names,
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
std::vector<ImageRead> FromImages(const StageNames& names,
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
