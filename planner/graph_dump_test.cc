// Golden tests: each testdata/graphs/NAME.Dockerfile is planned with fake
// resolvers and its dump compared byte for byte with NAME.graph, pinning
// the graph and every cache key. To rewrite the goldens after an intended
// change: bazel test //planner:graph_dump_test
//   --test_env=MYBUILD_GOLDEN_DIR=$PWD/planner/testdata/graphs
#include "planner/graph_dump.h"

#include <cstdlib>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/sha256.h"
#include "planner/plan_build.h"

namespace mybuild::planner {
namespace {

const char kDir[] = "planner/testdata/graphs/";

// Images resolve to digests of their names; "triggers:1" carries ONBUILD
// triggers.
class FakeImages : public ImageConfigResolver {
 public:
  Expected<ResolvedImage> Resolve(const std::string& ref) override {
    ResolvedImage img;
    img.ref = "docker.io/library/" + ref;
    img.manifest = oci::Digest::Of(ref);
    img.config.config.env = {"PATH=/usr/bin:/bin"};
    if (ref == "triggers:1") {
      img.config.config.on_build = {"WORKDIR /src", "COPY . /src/",
                                    "RUN make"};
    }
    return img;
  }
};

// Source digests are a hash of the patterns, so goldens need no files.
class FakeSources : public SourceDigester {
 public:
  Expected<std::string> Digest(const std::vector<std::string>& s) override {
    std::string all;
    for (const std::string& x : s) all += x + "\n";
    return "sha256:" + Sha256Hex(all);
  }
};

struct Case {
  std::string name;
  std::string target;
  std::map<std::string, std::string> build_args;
};

void CheckGolden(const Case& c) {
  SCOPED_TRACE(c.name);
  Expected<std::string> text = ReadFile(kDir + c.name + ".Dockerfile");
  ASSERT_TRUE(text.ok()) << text.status().message();
  auto df = frontend::ParseDockerfile(*text, "Dockerfile");
  ASSERT_TRUE(df.ok()) << df.status().message();
  BuildRequest r;
  r.target = c.target;
  r.build_args = c.build_args;
  FakeImages images;
  FakeSources sources;
  Expected<BuildGraph> g = PlanBuild(*df, r, images, sources);
  ASSERT_TRUE(g.ok()) << g.status().message();
  std::string dump = DumpGraph(*g);
  if (const char* dir = std::getenv("MYBUILD_GOLDEN_DIR")) {
    ASSERT_TRUE(WriteFileAtomic(std::string(dir) + "/" + c.name + ".graph", dump).ok());
  }
  Expected<std::string> golden = ReadFile(kDir + c.name + ".graph");
  ASSERT_TRUE(golden.ok()) << golden.status().message() << "\nactual:\n" << dump;
  EXPECT_EQ(dump, *golden);
}

TEST(GraphDumpTest, Basic) {
  CheckGolden({"basic", "", {{"VERSION", "2.0"}}});
}

TEST(GraphDumpTest, StagesAndTargetPruning) {
  CheckGolden({"stages", "app", {}});
}

TEST(GraphDumpTest, OnbuildTriggers) { CheckGolden({"onbuild", "", {}}); }

TEST(GraphDumpTest, ImagesReadByCopyFromAndMountsAreImplicitStages) {
  CheckGolden({"images", "", {}});
}

TEST(GraphDumpTest, ProxyArgsStayOutOfKeys) {
  CheckGolden({"proxy", "", {{"HTTP_PROXY", "http://proxy:3128"},
                             {"NO_PROXY", "localhost"}}});
}

}  // namespace
}  // namespace mybuild::planner
