#include "executor/build_executor.h"

#include <algorithm>
#include <filesystem>
#include <future>
#include <optional>
#include <system_error>
#include <thread>

#include "executor/image_assembly.h"
#include "executor/lazy_stages.h"
#include "executor/sandbox.h"
#include "executor/scheduler.h"
#include "executor/seccomp_profile.h"
#include "executor/stage_runner.h"
#include "executor/tmp_claim.h"

namespace mybuild::executor {
namespace {

// Keeps this build's step keys for the next build's --explain: the last
// build's entries, updated with this one's.
void SaveHistory(const ExecOptions& options, BuildShared& shared) {
  if (options.build_id.empty()) return;
  cache::BuildHistory merged = shared.last;
  for (const auto& [slot, key] : shared.now) merged[slot] = key;
  if (merged == shared.last) return;
  (void)cache::StepHistory(shared.store).Save(options.build_id, merged);
}

// With a cache to read, a stage only other stages read whose every step
// is already cached is predicted now and leaves the task graph: it runs
// only when a step reading it must (lazy_stages.h). The others run as
// tasks, in parallel as ever.
void WaitForLazyStages(const planner::BuildGraph& graph, BuildShared& shared,
                       TaskGraph& tasks) {
  std::vector<bool> candidates = LazyStages(graph);
  shared.lazy.assign(graph.stages.size(), false);
  shared.lazy_state.assign(graph.stages.size(), 0);
  for (int s : graph.order) {  // dependencies first: what s reads is decided
    // Stages to build again (--no-cache, --no-cache-filter) are no lazy.
    const std::vector<std::string>& again = shared.options.no_cache_filter;
    auto named = [&](const std::string& n) {
      return std::find(again.begin(), again.end(), n) != again.end();
    };
    if (!candidates[s] || shared.options.no_cache || named(std::to_string(s)) ||
        named(graph.stages[s].name)) {
      continue;
    }
    if (std::optional<StageState> p = PredictStage(shared, s)) {
      shared.done[s] = std::move(*p);
      shared.lazy[s] = true;
      shared.lazy_state[s] = 1;
    }
  }
  tasks.deps = DepsWithoutLazy(tasks.deps, shared.lazy);
  std::vector<int> run;
  for (int s : tasks.tasks) {
    if (!shared.lazy[s]) run.push_back(s);
  }
  tasks.tasks = run;
}

// The steps a build shows: those that may make a layer, in the stages it
// runs, leaving out images read by COPY --from (implicit stages).
int ShownSteps(const planner::BuildGraph& graph) {
  int n = 0;
  for (int i : graph.order) {
    if (graph.stages[i].implicit) continue;
    for (const planner::Step& step : graph.stages[i].steps) {
      n += step.kind == planner::StepKind::kConfig ? 0 : 1;
    }
  }
  return n;
}

// The seccomp program every RUN step loads (seccomp_profile.h), compiled
// (several milliseconds) on a thread while the build claims its scratch
// directory and looks its first steps up, when it has a RUN step.
std::future<void> CompileSeccompEarly(const planner::BuildGraph& graph) {
  for (const planner::StagePlan& stage : graph.stages) {
    for (const planner::Step& step : stage.steps) {
      if (step.kind != planner::StepKind::kRun) continue;
      try {
        return std::async(std::launch::async, [] { (void)DefaultSeccompProgram(); });
      } catch (const std::system_error&) {
        return {};  // the first step compiles it
      }
    }
  }
  return {};
}

}  // namespace

Status BlobsReady(const ExecOptions& options) {
  Status st = options.remote ? options.remote->Join() : Status::Ok();
  Status base = options.blobs_ready ? options.blobs_ready() : Status::Ok();
  return st.ok() ? base : st;
}

Expected<BuiltImage> ExecuteBuild(const planner::BuildGraph& graph,
                                  const cache::StorePaths& store,
                                  const ExecOptions& options,
                                  Progress& progress) {
  ASSIGN_OR_RETURN(std::vector<BuiltImage> images,
                   ExecuteBuildTargets(graph, store, options, progress));
  return images.front();
}

Expected<std::vector<BuiltImage>> ExecuteBuildTargets(const planner::BuildGraph& graph,
                                                      const cache::StorePaths& store,
                                                      const ExecOptions& options,
                                                      Progress& progress) {
  std::future<void> seccomp = CompileSeccompEarly(graph);
  // Held for the whole build: every scratch file of it is made in the
  // claim's directory (claim.store().TmpDir()), removed however it ends.
  ASSIGN_OR_RETURN(TmpClaim claim, TmpClaim::Acquire(store));
  const cache::StorePaths& paths = claim.store();
  AllowSandboxes();  // an earlier build in this process may have been stopped
  ASSIGN_OR_RETURN(cache::BlobStore blobs, cache::BlobStore::Open(paths));
  BuildShared shared(graph, paths, options, progress, blobs);
  if (!options.build_id.empty()) {
    shared.last = cache::StepHistory(paths).Load(options.build_id);
  }
  // Slots this store never built are compared with the caches' builds.
  if (options.explain && options.remote) shared.last.merge(options.remote->History());
  TaskGraph tasks{graph.order, {}};
  for (const planner::StagePlan& s : graph.stages) tasks.deps.push_back(s.deps);
  // Plans made by hand (tests) may leave deps empty: FROM <stage> still is one.
  for (size_t i = 0; i < graph.stages.size(); ++i) {
    if (graph.stages[i].base_stage >= 0) tasks.deps[i].push_back(graph.stages[i].base_stage);
  }
  if (options.remote) WaitForLazyStages(graph, shared, tasks);
  progress.Planned(ShownSteps(graph));
  int jobs = options.jobs > 0 ? options.jobs
                              : std::max(1u, std::thread::hardware_concurrency());
  Status st = RunTaskGraph(
      tasks, jobs, [&](int stage) { return RunStage(shared, stage); },
      [&] {
        shared.cancelled = true;
        KillAllSandboxes();
      });
  SaveHistory(options, shared);
  RETURN_IF_ERROR(st);
  // Reused steps were shown before their blobs came; the image needs them.
  RETURN_IF_ERROR(BlobsReady(options));
  if (graph.targets.empty()) {
    ASSIGN_OR_RETURN(BuiltImage image, AssembleImage(shared.done[graph.target], options, blobs));
    return std::vector<BuiltImage>{image};
  }
  std::vector<BuiltImage> images;
  for (int t : graph.targets) {
    ExecOptions mine = options;  // the image says its target stage's platform
    mine.os = graph.stages[t].platform.os;
    mine.architecture = graph.stages[t].platform.architecture;
    mine.variant = graph.stages[t].platform.variant;
    ASSIGN_OR_RETURN(BuiltImage image, AssembleImage(shared.done[t], mine, blobs));
    images.push_back(image);
  }
  return images;
}

}  // namespace mybuild::executor
