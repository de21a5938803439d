#include "executor/build_executor.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "cache/step_index.h"
#include "oci/image_config.h"
#include "oci/manifest.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild::executor {
namespace {

class RecordingProgress : public Progress {
 public:
  void Started(const StepLabel& s) override { log += "start " + s.text + "\n"; }
  void Cached(const StepLabel& s) override { log += "cached " + s.text + "\n"; }
  void Output(const StepLabel&, std::string_view c) override { output += c; }
  void Done(const StepLabel& s, double) override { log += "done " + s.text + "\n"; }
  void Note(std::string_view) override {}
  std::string log, output;
};

planner::Step Copy(std::string src, std::string dest, int line) {
  planner::Step s;
  s.kind = planner::StepKind::kCopy;
  s.file = "Dockerfile";
  s.line = line;
  s.text = "COPY " + src + " " + dest;
  s.created_by = s.text;
  s.copy.sources = {src};
  s.copy.dest = dest;
  return s;
}

planner::Step RunStepOf(std::string cmd, int line) {
  planner::Step s;
  s.kind = planner::StepKind::kRun;
  s.file = "Dockerfile";
  s.line = line;
  s.text = "RUN " + cmd;
  s.created_by = "RUN /bin/sh -c " + cmd;
  s.run.argv = {"/bin/sh", "-c", cmd};
  s.run.workdir = "/";
  return s;
}

class BuildExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root";
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    ASSERT_TRUE(MakeDirs(P("ctx/rootfs")).ok());
    Status st = mybuild::testing::MakeBusyboxRootfs(P("ctx/rootfs"));
    if (st.code() == ErrorCode::kNotFound) GTEST_SKIP() << st.message();
    ASSERT_TRUE(st.ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/hello.txt"), "hello\n").ok());
  }
  std::string P(const std::string& p) { return dir_->path() + "/" + p; }

  planner::BuildGraph Graph(std::string run) {
    planner::StagePlan stage;
    stage.steps = {Copy("rootfs", "/", 1), Copy("hello.txt", "/app/", 2),
                   RunStepOf(run, 3)};
    for (planner::Step& s : stage.steps) s.cache_key = Sha256Hex(s.text);
    stage.final_config.cmd = {"cat", "/app/hello.txt"};
    planner::BuildGraph g;
    g.stages = {stage};
    g.order = {0};
    g.target = 0;
    return g;
  }

  Expected<BuiltImage> Build(const planner::BuildGraph& g, RecordingProgress& p) {
    ExecOptions o;
    o.context_dir = P("ctx");
    o.created = "2026-01-01T00:00:00Z";
    return ExecuteBuild(g, cache::StorePaths(P("root")), o, p);
  }
  std::unique_ptr<TempDir> dir_;
};

TEST_F(BuildExecutorTest, BuildsLayersThenHitsTheCache) {
  RecordingProgress first;
  auto built = Build(Graph("cat /app/hello.txt; rm /bin/vi; echo x > /made"), first);
  ASSERT_TRUE(built.ok()) << built.status().message();
  EXPECT_EQ(first.output, "hello\n");
  cache::StorePaths store(P("root"));
  auto manifest = oci::Manifest::FromJson(*ReadFile(store.Blob(built->manifest)));
  ASSERT_TRUE(manifest.ok());
  ASSERT_EQ(manifest->layers.size(), 3u);
  auto config = oci::ImageConfig::FromJson(*ReadFile(store.Blob(built->config)));
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->config.cmd, (std::vector<std::string>{"cat", "/app/hello.txt"}));
  EXPECT_EQ(config->history.size(), 3u);
  EXPECT_EQ(config->history[2].created_by,
            "RUN /bin/sh -c cat /app/hello.txt; rm /bin/vi; echo x > /made");
  // The RUN layer's snapshot holds a whiteout for vi and the new file.
  std::string snap = store.Snapshot(config->diff_ids[2]);
  EXPECT_EQ(*ReadFile(snap + "/made"), "x\n");
  struct stat st;
  ASSERT_EQ(::lstat((snap + "/bin/vi").c_str(), &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode));

  RecordingProgress second;
  auto again = Build(Graph("cat /app/hello.txt; rm /bin/vi; echo x > /made"), second);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->manifest, built->manifest);
  EXPECT_EQ(second.output, "");
  EXPECT_EQ(second.log,
            "cached COPY rootfs /\ncached COPY hello.txt /app/\n"
            "cached RUN cat /app/hello.txt; rm /bin/vi; echo x > /made\n");
}

TEST_F(BuildExecutorTest, FailingRunNamesItsLine) {
  RecordingProgress p;
  auto built = Build(Graph("echo oops; exit 3"), p);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().code(), ErrorCode::kBuildFailed);
  EXPECT_EQ(built.status().message(),
            "Dockerfile:3: process \"/bin/sh -c echo oops; exit 3\" did not "
            "complete successfully: exit code: 3\n  > oops");
}

}  // namespace
}  // namespace mybuild::executor
