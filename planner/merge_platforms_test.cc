#include "planner/merge_platforms.h"

#include <gtest/gtest.h>

#include "planner/plan_build.h"
#include "planner/testing/library_images.h"

namespace mybuild::planner {
namespace {

using Images = testing::LibraryImages;

class Sources : public SourceDigester {
 public:
  Expected<std::string> Digest(const std::vector<std::string>& s) override {
    return std::to_string(s.size());
  }
};

Expected<BuildGraph> PlanFor(const std::string& text, const std::string& arch) {
  Images images;
  Sources sources;
  auto df = frontend::ParseDockerfile(text, "Dockerfile");
  if (!df.ok()) return df.status();
  BuildRequest r;
  r.architecture = arch;
  return PlanBuild(*df, r, images, sources);
}

// The cross-compile pattern: the build stage runs natively and reads no
// TARGET* arg, so both platforms share it; the final stages are one per
// platform and read the shared one through the remapped index.
TEST(MergePlatformsTest, SharesAStageTheSameForEveryPlatform) {
  const char* text =
      "FROM --platform=$BUILDPLATFORM busybox AS build\nRUN make\n"
      "FROM busybox\nCOPY --from=build /out /out\n";
  auto amd = PlanFor(text, "amd64");
  auto arm = PlanFor(text, "arm64");
  ASSERT_TRUE(amd.ok() && arm.ok());
  auto g = MergePlatforms({*amd, *arm});
  ASSERT_TRUE(g.ok()) << g.status().message();
  ASSERT_EQ(g->stages.size(), 3u);
  EXPECT_EQ(g->order, (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(g->targets, (std::vector<int>{1, 2}));
  EXPECT_EQ(g->target, 1);
  EXPECT_EQ(g->stages[1].platform.str(), "linux/amd64");
  EXPECT_EQ(g->stages[2].platform.str(), "linux/arm64");
  EXPECT_EQ(g->stages[2].steps[0].copy.from_stage, 0);
  EXPECT_EQ(g->stages[2].deps, std::vector<int>{0});
}

// A stage that reads TARGETARCH differs per platform even when it runs
// natively: two stages, each read by its own platform's final stage.
TEST(MergePlatformsTest, KeepsApartAStageThatReadsTheTarget) {
  const char* text =
      "FROM --platform=$BUILDPLATFORM busybox AS build\nARG TARGETARCH\n"
      "RUN make ARCH=$TARGETARCH\n"
      "FROM busybox\nCOPY --from=build /out /out\n";
  auto amd = PlanFor(text, "amd64");
  auto arm = PlanFor(text, "arm64");
  ASSERT_TRUE(amd.ok() && arm.ok());
  auto g = MergePlatforms({*amd, *arm});
  ASSERT_TRUE(g.ok());
  ASSERT_EQ(g->stages.size(), 4u);
  EXPECT_EQ(g->targets, (std::vector<int>{1, 3}));
  EXPECT_EQ(g->stages[3].steps[0].copy.from_stage, 2);
  EXPECT_EQ(g->stages[2].platform.str(), "linux/amd64");
  EXPECT_FALSE(MergePlatforms({}).ok());
}

}  // namespace
}  // namespace mybuild::planner
