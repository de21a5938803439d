#include "planner/stage_graph.h"

#include <gtest/gtest.h>

namespace mybuild::planner {
namespace {

frontend::Dockerfile Parse(const std::string& text) {
  auto df = frontend::ParseDockerfile(text, "Dockerfile");
  EXPECT_TRUE(df.ok()) << df.status().message();
  return df.ok() ? *df : frontend::Dockerfile{};
}

// Reads come from the instructions alone, plus FROM <earlier stage>.
Expected<std::vector<int>> Order(const frontend::Dockerfile& df, int target,
                                 std::vector<int>* visited = nullptr) {
  return BuildOrder(df, "Dockerfile", target, [&](int s) {
    if (visited) visited->push_back(s);
    std::vector<int> reads = FromStages(StageNames(df), df.stages[s].instructions);
    int base = StageByRef(df, df.stages[s].base);
    if (base >= 0 && base < s) reads.push_back(base);
    return Expected<std::vector<int>>(reads);
  });
}

TEST(StageGraphTest, RefsByNameOrIndex) {
  auto df = Parse("FROM busybox AS Builder\nFROM alpine\nFROM builder\n");
  EXPECT_EQ(StageByRef(df, "builder"), 0);
  EXPECT_EQ(StageByRef(df, "BUILDER"), 0);
  EXPECT_EQ(StageByRef(df, "1"), 1);
  EXPECT_EQ(StageByRef(df, "3"), -1);
  EXPECT_EQ(StageByRef(df, "alpine"), -1);
  EXPECT_EQ(StageByRef(df, "docker.io/library/busybox:1"), -1);
}

TEST(StageGraphTest, CopyFromAndMountFromAreEdges) {
  auto df = Parse(
      "FROM busybox AS gen\nRUN echo gen\n"                           // 0
      "FROM busybox AS tools\nRUN echo tools\n"                       // 1
      "FROM busybox AS unused\nRUN echo unused\n"                     // 2
      "FROM busybox AS app\n"                                         // 3
      "COPY --from=gen /out /out\n"
      "RUN --mount=type=bind,from=tools,target=/t /t/run\n"
      "COPY --from=alpine:3 /bin/sh /sh\n"
      "COPY --from=0 /again /again\n");
  EXPECT_EQ(FromStages(StageNames(df), df.stages[3].instructions), (std::vector<int>{0, 1}));
  std::vector<ImageRead> images = FromImages(StageNames(df), df.stages[3].instructions);
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0].ref, "alpine:3");
  EXPECT_EQ(images[0].line, 10);
  std::vector<int> visited;
  auto order = Order(df, 3, &visited);
  ASSERT_TRUE(order.ok()) << order.status().message();
  EXPECT_EQ(*order, (std::vector<int>{0, 1, 3}));
  EXPECT_EQ(visited, (std::vector<int>{3, 0, 1}));  // never stage 2
  EXPECT_EQ(*Order(df, 1), (std::vector<int>{1}));
}

TEST(StageGraphTest, DependenciesComeFirst) {
  auto df = Parse(
      "FROM busybox AS a\n"
      "FROM a AS b\n"
      "FROM busybox AS c\nCOPY --from=b /x /x\n"
      "FROM c AS d\nCOPY --from=a /y /y\n");
  EXPECT_EQ(*Order(df, 3), (std::vector<int>{0, 1, 2, 3}));
}

TEST(StageGraphTest, CyclesNameTheStage) {
  auto df = Parse(
      "FROM busybox AS a\nCOPY --from=b /x /x\n"
      "FROM busybox AS b\nCOPY --from=a /y /y\n");
  EXPECT_EQ(Order(df, 1).status().message(),
            "Dockerfile:3: circular dependency detected on stage: b");
  auto self = Parse("FROM busybox AS a\nCOPY --from=a /x /x\n");
  EXPECT_EQ(Order(self, 0).status().message(),
            "Dockerfile:1: circular dependency detected on stage: a");
}

// The walk keeps its own stack: a chain as long as this recursed once per
// stage and overflowed the thread's stack.
TEST(StageGraphTest, ADeepChainNeedsNoDeepStack) {
  constexpr int kStages = 300000;
  frontend::Dockerfile df;
  df.stages.resize(kStages);
  int calls = 0;
  auto order = BuildOrder(df, "Dockerfile", kStages - 1,
                          [&](int s) -> Expected<std::vector<int>> {
                            ++calls;
                            if (s == 0) return std::vector<int>{};
                            return std::vector<int>{s - 1, 0};
                          });
  ASSERT_TRUE(order.ok()) << order.status().message();
  ASSERT_EQ(order->size(), static_cast<size_t>(kStages));
  for (int i = 0; i < kStages; ++i) ASSERT_EQ((*order)[i], i);
  EXPECT_EQ(calls, kStages);  // each stage's reads asked for once
}

// Names are looked up in a map, not by scanning the stages.
TEST(StageGraphTest, StageNamesFindTheFirstAndLookOnlyBackwards) {
  frontend::Dockerfile df;
  for (const char* name : {"a", "", "b", "a"}) {
    df.stages.emplace_back();
    df.stages.back().name = name;
  }
  const StageNames names(df);
  EXPECT_EQ(names.ByRef("A"), 0);
  EXPECT_EQ(names.ByRef("b"), 2);
  EXPECT_EQ(names.ByRef("3"), 3);
  EXPECT_EQ(names.ByRef("4"), -1);
  EXPECT_EQ(names.ByRef(""), -1);
  EXPECT_EQ(names.Earlier("b", 2), -1);
  EXPECT_EQ(names.Earlier("b", 3), 2);
  EXPECT_EQ(names.Earlier("a", 3), 0);
}

TEST(StageGraphTest, CallbackErrorsStopTheWalk) {
  auto df = Parse("FROM busybox AS a\nFROM a\n");
  auto r = BuildOrder(df, "Dockerfile", 1, [](int s) -> Expected<std::vector<int>> {
    if (s == 1) return std::vector<int>{0};
    return NotFound("image busybox not found");
  });
  EXPECT_EQ(r.status().message(), "image busybox not found");
}

}  // namespace
}  // namespace mybuild::planner
