// Runs a graph of tasks (the stages of a build) on a bounded number of
// threads: each task starts once every task it depends on has finished, so
// independent stages run at the same time. Pure threading: what a task does
// is the caller's.
#pragma once

#include <functional>
#include <vector>

#include "base/status.h"

namespace mybuild::executor {

struct TaskGraph {
  std::vector<int> tasks;               // what to run, in preferred order
  std::vector<std::vector<int>> deps;   // deps[t]: tasks t waits for
};

// Runs every task of `graph` through `run`, at most `jobs` (>= 1) at once;
// among ready tasks, earlier ones in graph.tasks start first. A dependency
// that is not in graph.tasks counts as finished. The first task to fail
// stops the others from starting; `cancel` is then called once (to end
// those running), the running ones are waited for, and that first failure
// is returned: later failures (often caused by the cancel) are dropped.
Status RunTaskGraph(const TaskGraph& graph, int jobs,
                    const std::function<Status(int task)>& run,
                    const std::function<void()>& cancel);

}  // namespace mybuild::executor
