#include "executor/lazy_stages.h"

#include <gtest/gtest.h>

namespace mybuild::executor {
namespace {

// 0: builder (read by COPY --from), 1: base (FROM 1), 2: final FROM 1,
// reading 0; 3: unused by others but in order (a --target chain).
planner::BuildGraph Graph() {
  planner::BuildGraph g;
  g.stages.resize(4);
  g.stages[2].base_stage = 1;
  g.stages[2].deps = {1, 0};
  g.stages[0].deps = {3};
  g.order = {3, 0, 1, 2};
  g.target = 2;
  return g;
}

TEST(LazyStagesTest, OnlyStagesReadBesidesFromWait) {
  // 0 is only read: lazy. 1 is a base, 2 the target: not. 3 is read by 0.
  EXPECT_EQ(LazyStages(Graph()), (std::vector<bool>{true, false, false, true}));
}

TEST(LazyStagesTest, DepsSkipLazyStagesToWhatTheyWaitFor) {
  planner::BuildGraph g = Graph();
  std::vector<std::vector<int>> deps;
  for (const planner::StagePlan& s : g.stages) deps.push_back(s.deps);
  EXPECT_EQ(DepsWithoutLazy(deps, {true, false, false, false}),
            (std::vector<std::vector<int>>{{3}, {}, {3, 1}, {}}));  // any order
  EXPECT_EQ(DepsWithoutLazy(deps, {true, false, false, true}),
            (std::vector<std::vector<int>>{{}, {}, {1}, {}}));
}

}  // namespace
}  // namespace mybuild::executor
