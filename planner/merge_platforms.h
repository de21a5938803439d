// One build for several platforms (--platform linux/amd64,linux/arm64): the
// plan of each platform merged into one graph, so the executor runs them
// side by side within --jobs, and a stage that is the same for every
// platform (a `FROM --platform=$BUILDPLATFORM` stage whose steps read no
// TARGET* arg) is one stage that runs once.
#pragma once

#include <vector>

#include "base/status.h"
#include "planner/build_graph.h"

namespace mybuild::planner {

// Merges `plans` (one per platform, each from PlanBuild, in the order the
// platforms were asked) into one graph: each plan's stages to run, in its
// order, a stage equal to one already taken (same platform, base, keys,
// steps, configs and the same stages read) mapped onto it; stage indexes in
// the steps remapped. `targets` holds each plan's target, `target` the
// first. Stages a plan does not run are left out. Fails on no plans.
Expected<BuildGraph> MergePlatforms(const std::vector<BuildGraph>& plans);

}  // namespace mybuild::planner
