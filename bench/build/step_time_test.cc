#include "bench/build/step_time.h"

#include <gtest/gtest.h>

namespace mybuild::bench {
namespace {

std::string Vertex(const std::string& name, const std::string& started,
                   const std::string& completed, bool cached = false) {
  std::string v = R"({"vertexes":[{"digest":"sha256:00","name":")" + name + R"(","started":")" +
                  started + "\"";
  if (!completed.empty()) v += R"(,"completed":")" + completed + "\"";
  if (cached) v += R"(,"cached":true)";
  return v + "}]}\n";
}

TEST(StepTimeTest, OverlappingStepsCountOnceAndGapsNotAtAll) {
  // a: 0.0-1.0 s and b: 0.5-1.5 s overlap (parallel stages): 1.5 s; c after
  // a 0.5 s gap: 0.25 s. Start events (no "completed") and logs are skipped.
  std::string log = Vertex("a", "2026-01-02T03:04:05Z", "") +
                    Vertex("a", "2026-01-02T03:04:05Z", "2026-01-02T03:04:06Z") +
                    Vertex("b", "2026-01-02T03:04:05.5Z", "2026-01-02T03:04:06.5Z") +
                    R"({"logs":[{"vertex":"sha256:00","stream":1,"data":"aGkK"}]})" "\n" +
                    Vertex("c", "2026-01-02T03:04:07Z", "2026-01-02T03:04:07.25Z");
  Expected<double> busy = StepBusySeconds(log);
  ASSERT_TRUE(busy.ok()) << busy.status().message();
  EXPECT_DOUBLE_EQ(*busy, 1.75);
}

TEST(StepTimeTest, CachedStepsAndOtherLinesAreNotWork) {
  std::string log = "sha256:abc image ID on stdout\n" +
                    Vertex("a", "2026-01-02T03:04:05Z", "2026-01-02T03:04:09Z", true) +
                    Vertex("b", "2026-12-31T23:59:59.875Z", "2027-01-01T00:00:00.125Z");
  Expected<double> busy = StepBusySeconds(log);
  ASSERT_TRUE(busy.ok()) << busy.status().message();
  EXPECT_DOUBLE_EQ(*busy, 0.25);
}

TEST(StepTimeTest, ATimeThatIsNotRfc3339IsAnErrorNamingTheLine) {
  std::string log = "\n" + Vertex("a", "2026-01-02 03:04:05", "2026-01-02T03:04:06Z");
  Expected<double> busy = StepBusySeconds(log);
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.status().message(), "rawjson line 2: a vertex time is not RFC 3339");
}

}  // namespace
}  // namespace mybuild::bench
