#include "executor/build_executor.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "cache/step_index.h"
#include "frontend/mount.h"
#include "oci/image_config.h"
#include "oci/manifest.h"
#include "executor/dockerfile_test_support.h"

namespace mybuild::executor {
namespace {

namespace fs = std::filesystem;

class RecordingProgress : public Progress {
 public:
  void Started(const StepLabel& s) override { log += "start " + s.text + "\n"; }
  void Cached(const StepLabel& s) override { log += "cached " + s.text + "\n"; }
  void Output(const StepLabel&, std::string_view c) override { output += c; }
  void Done(const StepLabel& s, double) override {
    log += "done " + s.text + "\n";
  }
  void Note(std::string_view) override {}
  std::string log, output;
};

class BuildExecutorTest : public testing::BuildTest {
 protected:
  void SetUp() override {
    SetUpBuild(/*busybox=*/true, /*umoci=*/false);
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(WriteFileAtomic(P("ctx/hello.txt"), "hello\n").ok());
  }

  planner::BuildGraph Graph(std::string run) {
    planner::StagePlan stage;
    stage.steps = {testing::CopyStepOf("rootfs", "/", 1),
                   testing::CopyStepOf("hello.txt", "/app/", 2),
                   testing::RunStepOf({"/bin/sh", "-c", run}, 3)};
    for (planner::Step& s : stage.steps) s.cache_key = Sha256Hex(s.text);
    stage.final_config.cmd = {"cat", "/app/hello.txt"};
    planner::BuildGraph g;
    g.stages = {stage};
    g.order = {0};
    g.target = 0;
    return g;
  }

  Expected<BuiltImage> Build(const planner::BuildGraph& g, RecordingProgress& p,
                             ExecOptions o = {}) {
    o.context_dir = P("ctx");
    if (o.created.empty()) o.created = "2026-01-01T00:00:00Z";
    return ExecuteBuild(g, cache::StorePaths(P("root")), o, p);
  }
  void KillBuilderMidStep(int sig);
};

TEST_F(BuildExecutorTest, BuildsLayersThenHitsTheCache) {
  RecordingProgress first;
  auto built =
      Build(Graph("cat /app/hello.txt; rm /bin/vi; echo x > /made"), first);
  ASSERT_TRUE(built.ok()) << built.status().message();
  EXPECT_EQ(first.output, "hello\n");
  cache::StorePaths store(P("root"));
  auto manifest =
      oci::Manifest::FromJson(*ReadFile(store.Blob(built->manifest)));
  ASSERT_TRUE(manifest.ok());
  ASSERT_EQ(manifest->layers.size(), 3u);
  auto config =
      oci::ImageConfig::FromJson(*ReadFile(store.Blob(built->config)));
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->config.cmd,
            (std::vector<std::string>{"cat", "/app/hello.txt"}));
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
  auto again =
      Build(Graph("cat /app/hello.txt; rm /bin/vi; echo x > /made"), second);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->manifest, built->manifest);
  EXPECT_EQ(second.output, "");
  EXPECT_EQ(second.log,
            "cached COPY rootfs /\ncached COPY hello.txt /app/\n"
            "cached RUN cat /app/hello.txt; rm /bin/vi; echo x > /made\n");
}

// Reused steps keep the time they ran and the image takes its newest
// layer's, so a build that reuses every step gives the same image ID.
TEST_F(BuildExecutorTest, AFullyCachedBuildKeepsItsImageIdAndTimes) {
  cache::StorePaths store(P("root"));
  auto times = [&](const BuiltImage& b) {
    auto config = oci::ImageConfig::FromJson(*ReadFile(store.Blob(b.config)));
    std::vector<std::string> out = {config->created};
    for (const oci::HistoryEntry& h : config->history) out.push_back(h.created);
    return out;
  };
  const std::string t1 = "2026-01-01T00:00:00Z", t2 = "2026-02-02T00:00:00Z",
                    t3 = "2026-03-03T00:00:00Z";
  RecordingProgress p1, p2, p3, p4;
  auto at = [](const std::string& t) {
    ExecOptions o;
    o.created = t;
    return o;
  };
  auto first = Build(Graph("echo 1 > /one"), p1, at(t1));
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto second = Build(Graph("echo 1 > /one"), p2, at(t2));
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(second->config, first->config);
  EXPECT_EQ(times(*second), (std::vector<std::string>{t1, t1, t1, t1}));

  auto third = Build(Graph("echo 2 > /one"), p3, at(t3));
  ASSERT_TRUE(third.ok()) << third.status().message();
  EXPECT_EQ(times(*third), (std::vector<std::string>{t3, t1, t1, t3}));

  // SOURCE_DATE_EPOCH: one time for everything, reused steps too.
  ExecOptions fixed;
  fixed.created = t2;
  fixed.created_is_fixed = true;
  auto fourth = Build(Graph("echo 2 > /one"), p4, fixed);
  ASSERT_TRUE(fourth.ok()) << fourth.status().message();
  EXPECT_EQ(times(*fourth), (std::vector<std::string>{t2, t2, t2, t2}));
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

planner::RunMount Mount(const std::string& flag) {
  auto spec = frontend::ParseMount(flag);
  EXPECT_TRUE(spec.ok()) << spec.status().message();
  return {spec.ok() ? *spec : frontend::MountSpec{}, -1};
}

TEST_F(BuildExecutorTest, RunMountsReachTheStepButNotItsLayer) {
  ASSERT_TRUE(WriteFileAtomic(P("token"), "sekrit").ok());
  auto graph = [&](const std::string& cmd) {
    planner::BuildGraph g = Graph(
        "n=$(cat /var/cache/app/n 2>/dev/null); echo ${n}x > /var/cache/app/n;"
        " cat /var/cache/app/n /run/secrets/tok; echo; cat /h; " +
        cmd);
    g.stages[0].steps[2].run.mounts = {
        Mount("type=cache,target=/var/cache/app"), Mount("type=secret,id=tok"),
        Mount("type=bind,source=hello.txt,target=/h"),
        Mount("type=tmpfs,target=/t")};
    return g;
  };
  ExecOptions o;
  o.secrets = {{"tok", P("token"), ""}};
  o.no_cache = true;
  RecordingProgress first;
  auto built = Build(graph("echo t > /t/x"), first, o);
  ASSERT_TRUE(built.ok()) << built.status().message();
  EXPECT_EQ(first.output, "x\nsekrit\nhello\n");
  // The cache persists; the next run sees what this one left there.
  RecordingProgress second;
  ASSERT_TRUE(Build(graph("true"), second, o).ok());
  EXPECT_EQ(second.output, "xx\nsekrit\nhello\n");

  cache::StorePaths store(P("root"));
  auto config =
      oci::ImageConfig::FromJson(*ReadFile(store.Blob(built->config)));
  ASSERT_TRUE(config.ok());
  // Nothing of the mounts, not even their mount points, is in the layer.
  std::string snap = store.Snapshot(config->diff_ids[2]);
  EXPECT_TRUE(fs::is_empty(snap)) << fs::directory_iterator(snap)->path();
  EXPECT_EQ(config->history[2].created_by.find("sekrit"), std::string::npos);
}

// Forwards a step's output to a pipe, so the test sees when it runs.
class PipeProgress : public RecordingProgress {
 public:
  explicit PipeProgress(int fd) : fd_(fd) {}
  void Output(const StepLabel&, std::string_view c) override {
    (void)!::write(fd_, c.data(), c.size());
  }

 private:
  int fd_;
};

std::vector<pid_t> Children(pid_t pid) {
  std::vector<pid_t> out;
  std::string path = "/proc/" + std::to_string(pid) + "/task/" +
                     std::to_string(pid) + "/children";
  std::istringstream in(ReadFile(path).ok() ? *ReadFile(path) : "");
  for (pid_t c; in >> c;) out.push_back(c);
  return out;
}

std::string MountNamespace(pid_t pid) {
  std::error_code ec;
  return fs::read_symlink("/proc/" + std::to_string(pid) + "/ns/mnt", ec);
}

bool AnyProcessIn(const std::string& mnt_ns) {
  for (const auto& e : fs::directory_iterator("/proc")) {
    std::string name = e.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (MountNamespace(std::stoi(name)) == mnt_ns) return true;
  }
  return false;
}

// Kills (with `sig`) a builder whose RUN step is running `sleep 100`, then
// checks the step's processes and mount namespace are gone and the next
// build leaves tmp/ with nothing but its lock.
void BuildExecutorTest::KillBuilderMidStep(int sig) {
  // Orphans come to us, so we can tell when they have exited.
  ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t builder = ::fork();
  if (builder == 0) {
    ::close(fds[0]);
    PipeProgress progress(fds[1]);
    (void)Build(Graph("sleep 100 & echo ready; wait"), progress);
    ::_exit(0);
  }
  ::close(fds[1]);
  char buf[16] = {};
  ASSERT_EQ(::read(fds[0], buf, 6), 6);
  ::close(fds[0]);
  ASSERT_STREQ(buf, "ready\n");
  // The builder's children: the sandbox, and its scratch reaper (which
  // has no child).
  std::vector<pid_t> sandbox = Children(builder);
  std::erase_if(sandbox, [](pid_t c) { return Children(c).empty(); });
  ASSERT_EQ(sandbox.size(), 1u);
  ASSERT_EQ(Children(sandbox[0]).size(), 1u);  // the sleep
  std::string ns = MountNamespace(sandbox[0]);
  ASSERT_FALSE(ns.empty());

  ASSERT_EQ(::kill(builder, sig), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(builder, &status, 0), builder);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == sig);
  // The sandbox (its first process, between builder and pid 1) dies with
  // the builder.
  bool exited = false;
  for (int i = 0; i < 500 && !exited; ++i) {
    exited = ::waitpid(sandbox[0], &status, WNOHANG) == sandbox[0];
    if (!exited) ::usleep(10000);
  }
  if (!exited) {
    ::kill(sandbox[0], SIGKILL);
    ::waitpid(sandbox[0], &status, 0);
    FAIL() << "the step outlived its builder by 5 s";
  }
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  // Its pid 1 goes next (orphans come to us: reap them), and with it every
  // process and the mount namespace of the step.
  bool gone = false;
  for (int i = 0; i < 500 && !gone; ++i) {
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    gone = !AnyProcessIn(ns);
    if (!gone) ::usleep(10000);
  }
  EXPECT_TRUE(gone) << "the step's mount namespace lived on for 5 s";
  // The reaper removed the build's scratch: tmp/ holds only its lock.
  std::vector<std::string> left;
  for (int i = 0; i < 500; ++i) {
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    left.clear();
    for (const auto& e : fs::directory_iterator(P("root/tmp"))) left.push_back(e.path().filename());
    if (left.size() == 1) break;
    ::usleep(10000);
  }
  EXPECT_EQ(left, std::vector<std::string>{".lock"});
  // No mount of the step (its root, /proc, /dev, ...) is left where the
  // builder's world can see it.
  std::istringstream mounts(*ReadFile("/proc/self/mountinfo"));
  for (std::string line; std::getline(mounts, line);) {
    EXPECT_EQ(line.find(dir_->path()), std::string::npos) << line;
  }

  RecordingProgress next;
  auto again = Build(Graph("echo next"), next);
  ASSERT_TRUE(again.ok()) << again.status().message();
  left.clear();
  for (const auto& e : fs::directory_iterator(P("root/tmp")))
    left.push_back(e.path().filename());
  EXPECT_EQ(left, std::vector<std::string>{".lock"});
}

TEST_F(BuildExecutorTest, SigkillOfTheBuilderEndsTheStepAndNextRunCleansTmp) {
  KillBuilderMidStep(SIGKILL);
}

TEST_F(BuildExecutorTest, SigtermOfTheBuilderEndsTheStepAndNextRunCleansTmp) {
  KillBuilderMidStep(SIGTERM);
}

}  // namespace
}  // namespace mybuild::executor
