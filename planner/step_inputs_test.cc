#include "planner/step_inputs.h"

#include <gtest/gtest.h>

#include "base/sha256.h"

#include "planner/plan_build.h"

namespace mybuild::planner {
namespace {

class Images : public ImageConfigResolver {
 public:
  Expected<ResolvedImage> Resolve(const std::string& ref) override {
    ResolvedImage img;
    img.ref = ref;
    img.manifest = oci::Digest::Of(ref);
    img.config.config.env = {"PATH=/bin"};
    return img;
  }
};

class Sources : public SourceDigester {
 public:
  Expected<std::string> Digest(const std::vector<std::string>&) override {
    return std::string("sha256:c");
  }
};

std::vector<StepInput> Inputs(const std::string& text, const std::string& v) {
  auto df = frontend::ParseDockerfile(text, "Dockerfile");
  EXPECT_TRUE(df.ok()) << df.status().message();
  BuildRequest r;
  r.build_args = {{"V", v}};
  Images images;
  Sources sources;
  auto g = PlanBuild(*df, r, images, sources);
  EXPECT_TRUE(g.ok()) << g.status().message();
  return g->stages[0].steps.back().inputs;
}

TEST(StepInputsTest, RunInputsNameArgsAndEnv) {
  auto in = Inputs("FROM b\nARG V\nARG P=1\nENV P=2\nRUN make\n", "1.0");
  ASSERT_EQ(in.size(), 8u);
  EXPECT_EQ(in[0].name, "parent");
  EXPECT_EQ(in[1], (StepInput{"command", "[\"/bin/sh\",\"-c\",\"make\"]"}));
  EXPECT_EQ(in[2], (StepInput{"ENV PATH", "/bin"}));
  EXPECT_EQ(in[3], (StepInput{"ENV P", "2"}));  // ENV shadows ARG P
  EXPECT_EQ(in[4], (StepInput{"ARG V", "1.0"}));
  EXPECT_EQ(in[5], (StepInput{"user", ""}));
  EXPECT_EQ(in[6], (StepInput{"workdir", "/"}));
  EXPECT_EQ(in[7], (StepInput{"network", "default"}));
}

TEST(StepInputsTest, DiffNamesWhatChanged) {
  const std::string text = "FROM b\nARG V\nRUN make\n";
  auto before = Inputs(text, "1.0");
  auto now = Inputs(text, "2.0");
  EXPECT_EQ(DiffInputs(SealInputs(before), SealInputs(now), "the step below changed"),
            (std::vector<std::string>{"ARG V: changed"}));
  auto copy = Inputs("FROM b\nCOPY a /a\n", "");
  EXPECT_EQ(copy.back(), (StepInput{"sources-digest", "sha256:c"}));
}

TEST(StepInputsTest, DiffOfFilesAndMissingInputs) {
  std::vector<StepInput> before = {{"parent", "k1"},
                                   {"file a.c", "100644 aaa"},
                                   {"file run.sh", "100644 bbb"},
                                   {"file gone.txt", "100644 ccc"},
                                   {"user", "app"}};
  std::vector<StepInput> now = {{"parent", "k2"},
                                {"file a.c", "100644 abc"},
                                {"file run.sh", "100755 bbb"},
                                {"file new.txt", "100644 ddd"},
                                {"ENV X", "1"}};
  EXPECT_EQ(DiffInputs(before, now, "the step below changed"),
            (std::vector<std::string>{
                "parent: the step below changed", "file a.c: content changed",
                "file run.sh: mode 100644 -> 100755", "file new.txt: added",
                "ENV X: added", "file gone.txt: removed", "user: removed"}));
  EXPECT_EQ(DiffInputs(before, now, "x", 2),
            (std::vector<std::string>{"parent: x", "file a.c: content changed",
                                      "... and 5 more"}));
  EXPECT_EQ(DiffInputs(now, now, "x"), std::vector<std::string>{});
  EXPECT_EQ(DiffInputs({{"command", "a"}}, {{"command", "b"}}, "")[0], "command: changed");
}

TEST(StepInputsTest, SealingKeepsDigestsAndHidesEveryValue) {
  std::vector<StepInput> raw = {{"parent", "k1"},          {"file a.c", "100644 aaa"},
                                {"sources-digest", "sha256:c"}, {"ARG TOKEN", "hunter2"},
                                {"command", "[\"make\"]"},  {"heredoc f", "body"}};
  std::vector<StepInput> sealed = SealInputs(raw);
  ASSERT_EQ(sealed.size(), raw.size());
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(sealed[i], raw[i]);
  EXPECT_EQ(sealed[3], (StepInput{"ARG TOKEN", "sha256:" + Sha256Hex("hunter2")}));
  EXPECT_EQ(sealed[4], (StepInput{"command", "sha256:" + Sha256Hex("[\"make\"]")}));
  EXPECT_EQ(sealed[5], (StepInput{"heredoc f", "sha256:" + Sha256Hex("body")}));
}

}  // namespace
}  // namespace mybuild::planner
