// The cache as a user sees it: plan a real Dockerfile (FROM scratch plus a
// busybox rootfs, so no registry), build, change one thing (a file, an ARG,
// a mode), build again, and check exactly which steps ran, and what
// --explain said about them. Needs root (the sandbox).
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "cache/context_digester.h"
#include "cache/step_history.h"
#include "executor/build_executor.h"
#include "planner/plan_build.h"
#include "executor/dockerfile_test_support.h"
#include "cache/lazy_layers.h"

namespace mybuild::executor {
namespace {

class NoImages : public planner::ImageConfigResolver {
 public:
  Expected<planner::ResolvedImage> Resolve(const std::string& ref) override {
    return NotFound("no registry in this test: " + ref);
  }
};

// "ran X" / "cached X" per layer step, and the explain notes.
class Log : public Progress {
 public:
  void Started(const StepLabel& s) override { Add("ran " + s.text); }
  void Cached(const StepLabel& s) override { Add("cached " + s.text); }
  void Output(const StepLabel&, std::string_view) override {}
  void Done(const StepLabel&, double) override {}
  void Note(std::string_view m) override { Add(std::string(m)); }
  std::vector<std::string> lines;

 private:
  void Add(std::string s) {
    std::lock_guard<std::mutex> l(mu_);
    lines.push_back(std::move(s));
  }
  std::mutex mu_;
};

const char kDockerfile[] =
    "FROM scratch\n"
    "COPY rootfs/ /\n"
    "ARG V=1\n"
    "RUN echo v=$V > /v\n"
    "COPY app/ /app/\n"
    "RUN cat /app/a.txt /v > /out\n"
    "COPY run.sh /run.sh\n"
    "RUN /bin/sh /run.sh\n";

class RebuildTest : public testing::BuildTest {
 protected:
  void SetUp() override {
    SetUpBuild(/*busybox=*/true, /*umoci=*/false);
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(MakeDirs(P("ctx/app")).ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/app/a.txt"), "a\n").ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/app/b.txt"), "b\n").ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/run.sh"), "echo run\n", 0644).ok());
    ASSERT_TRUE(WriteFileAtomic(P("ctx/Dockerfile"), kDockerfile).ok());
  }

  // Plans and builds ctx/Dockerfile; returns the progress lines.
  std::vector<std::string> Build(std::map<std::string, std::string> args = {},
                                 std::function<void(ExecOptions&)> tweak = nullptr) {
    auto df = frontend::ParseDockerfile(*ReadFile(P("ctx/Dockerfile")), "Dockerfile");
    EXPECT_TRUE(df.ok()) << df.status().message();
    cache::ContextDigester digester(P("ctx"), nullptr);
    planner::BuildRequest r;
    r.build_args = std::move(args);
    NoImages images;
    auto g = planner::PlanBuild(*df, r, images, digester);
    EXPECT_TRUE(g.ok()) << g.status().message();
    ExecOptions o;
    o.context_dir = P("ctx");
    o.created = "2026-01-01T00:00:00Z";
    o.explain = true;
    o.build_id = cache::StepHistory::BuildId(P("ctx"), "Dockerfile");
    o.digester = &digester;
    if (tweak) tweak(o);
    Log log;
    auto built = ExecuteBuild(*g, cache::StorePaths(P("root")), o, log);
    EXPECT_TRUE(built.ok()) << built.status().message();
    return log.lines;
  }
};

TEST_F(RebuildTest, EditOneFile) {
  Build();
  ASSERT_TRUE(WriteFileAtomic(P("ctx/app/a.txt"), "A\n").ok());
  EXPECT_EQ(Build(), (std::vector<std::string>{
      "cached COPY rootfs/ /", "cached RUN echo v=$V > /v",
      "ran COPY app/ /app/", "#3 explain: file app/a.txt: content changed",
      "ran RUN cat /app/a.txt /v > /out",
      "#4 explain: parent: the step below changed (Dockerfile:5)",
      "ran COPY run.sh /run.sh",
      "#5 explain: parent: the step below changed (Dockerfile:6)",
      "ran RUN /bin/sh /run.sh",
      "#6 explain: parent: the step below changed (Dockerfile:7)"}));
  // Nothing changed: nothing runs.
  EXPECT_EQ(Build(), (std::vector<std::string>{
      "cached COPY rootfs/ /", "cached RUN echo v=$V > /v", "cached COPY app/ /app/",
      "cached RUN cat /app/a.txt /v > /out", "cached COPY run.sh /run.sh",
      "cached RUN /bin/sh /run.sh"}));
}

TEST_F(RebuildTest, ChangeOneArg) {
  Build({{"V", "1"}});
  std::vector<std::string> lines = Build({{"V", "2"}});
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "cached COPY rootfs/ /");
  EXPECT_EQ(lines[1], "ran RUN echo v=$V > /v");
  EXPECT_EQ(lines[2], "#2 explain: ARG V: changed");
  for (size_t i = 3; i < lines.size(); ++i) EXPECT_EQ(lines[i].rfind("cached", 0), std::string::npos) << lines[i];
  // Back to 1: every step is still in the cache.
  lines = Build({{"V", "1"}});
  for (const std::string& l : lines) EXPECT_EQ(l.rfind("cached", 0), 0u) << l;
}

// Every regular file under `dir` whose bytes hold `needle`, relative.
std::vector<std::string> FilesHolding(const std::string& dir, const std::string& needle) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.is_symlink()) continue;
    Expected<std::string> text = ReadFile(e.path().string());
    if (text.ok() && text->find(needle) != std::string::npos) {
      out.push_back(e.path().string().substr(dir.size() + 1));
    }
  }
  return out;
}

TEST_F(RebuildTest, BuildArgValuesLeaveNoTraceInTheStore) {
  Build({{"V", "hunter2-value"}, {"UNUSED", "never-declared-value"}});
  // The RUN wrote V into its layer, as asked, and the image's history
  // names it ("ARG V=...", "RUN |1 V=..."), as BuildKit's does: only the
  // layer (its plain tar blob, and unpacked in snapshots/) and the image
  // config may hold it, never the store's records of inputs and steps.
  for (const std::string& f : FilesHolding(P("root"), "hunter2-value")) {
    if (f.rfind("snapshots/", 0) == 0) continue;
    EXPECT_EQ(f.rfind("blobs/", 0), 0u) << f;
    std::string blob = *ReadFile(P("root/" + f));
    bool config = blob.rfind("{\"architecture\":", 0) == 0;
    bool tar = blob.size() > 262 && blob.compare(257, 5, "ustar") == 0;
    EXPECT_TRUE(config || tar) << f;
  }
  EXPECT_EQ(FilesHolding(P("root"), "never-declared-value"), std::vector<std::string>{});
  EXPECT_EQ(FilesHolding(P("root"), Sha256Hex("never-declared-value")),
            std::vector<std::string>{});
  // What explain keeps of V is its digest.
  EXPECT_FALSE(FilesHolding(P("root/inputs"), Sha256Hex("hunter2-value")).empty());
}

TEST_F(RebuildTest, ADamagedLayerIsRebuiltNotReused) {
  Build();
  // The layers are written out (as a push or a save would), then one byte
  // of every stored blob flips, as disk damage would (after the
  // coarse clock moved on, so each blob's ctime changes).
  cache::StorePaths store(P("root"));
  for (const auto& e : std::filesystem::directory_iterator(P("root/lazy"))) {
    auto d = oci::Digest::FromHex(e.path().filename().string());
    ASSERT_TRUE(d.ok());
    ASSERT_TRUE(cache::MaterializeLayer(store, *d).ok());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  for (const auto& e : std::filesystem::directory_iterator(P("root/blobs/sha256"))) {
    std::string bytes = *ReadFile(e.path().string());
    if (bytes.empty()) continue;
    bytes[bytes.size() / 2] ^= 1;
    auto fd = OpenFile(e.path().string(), O_WRONLY);
    ASSERT_TRUE(fd.ok());
    ASSERT_TRUE(WriteAll(fd->get(), bytes, "blob").ok());
  }
  std::vector<std::string> lines = Build();
  ASSERT_EQ(lines.size(), 12u);
  EXPECT_EQ(lines[0], "ran COPY rootfs/ /");
  EXPECT_EQ(lines[1].rfind("#1 explain: its cached layer was damaged and is quarantined: blob sha256:", 0), 0u)
      << lines[1];
  EXPECT_NE(lines[1].find(": content hashes to sha256:"), std::string::npos) << lines[1];
  for (size_t i = 0; i < lines.size(); i += 2) EXPECT_EQ(lines[i].rfind("ran ", 0), 0u) << lines[i];
  EXPECT_FALSE(std::filesystem::is_empty(P("root/quarantine")));
  // The layers made again verify: the next build reuses every step.
  for (const std::string& l : Build()) EXPECT_EQ(l.rfind("cached", 0), 0u) << l;
}

TEST_F(RebuildTest, ChangeOneMode) {
  Build();
  ASSERT_EQ(::chmod(P("ctx/run.sh").c_str(), 0755), 0);
  std::vector<std::string> lines = Build();
  EXPECT_EQ(std::vector<std::string>(lines.begin(), lines.begin() + 6),
            (std::vector<std::string>{
                "cached COPY rootfs/ /", "cached RUN echo v=$V > /v",
                "cached COPY app/ /app/", "cached RUN cat /app/a.txt /v > /out",
                "ran COPY run.sh /run.sh", "#5 explain: file run.sh: mode 100644 -> 100755"}));
  EXPECT_EQ(lines[6], "ran RUN /bin/sh /run.sh");
}

TEST_F(RebuildTest, NoCacheFilterRerunsOneStageAndWhatReadsIt) {
  ASSERT_TRUE(WriteFileAtomic(P("ctx/Dockerfile"),
      "FROM scratch AS base\nCOPY rootfs/ /\nRUN od -An -N8 -tx8 /dev/urandom > /stamp\n"
      "FROM base AS app\nRUN cat /stamp > /copy\n").ok());
  Build();
  // base runs again and its RUN makes a different layer: app's step, made
  // on the old one, must not be reused although its key is the same.
  EXPECT_EQ(Build({}, [](ExecOptions& o) { o.no_cache_filter = {"base"}; }),
            (std::vector<std::string>{
                "ran COPY rootfs/ /", "#1 explain: --no-cache-filter base",
                "ran RUN od -An -N8 -tx8 /dev/urandom > /stamp", "#2 explain: --no-cache-filter base",
                "ran RUN cat /stamp > /copy",
                "#3 explain: the layers below it changed since it was cached"}));
  EXPECT_EQ(Build(), (std::vector<std::string>{"cached COPY rootfs/ /",
                                               "cached RUN od -An -N8 -tx8 /dev/urandom > /stamp",
                                               "cached RUN cat /stamp > /copy"}));
}

// Stages that can finish only together: each marks its arrival in a shared
// cache mount and waits (30 s at most) for the other's mark.
const char kMeetingBranches[] =
    "FROM scratch AS a\nCOPY rootfs/ /\n"
    "RUN --mount=type=cache,id=meet,target=/m touch /m/a && i=0; "
    "until [ -e /m/b ]; do i=$((i+1)); [ $i -lt 300 ] || exit 1; sleep 0.1; "
    "done; echo a > /a\n"
    "FROM scratch AS b\nCOPY rootfs/ /\n"
    "RUN --mount=type=cache,id=meet,target=/m touch /m/b && i=0; "
    "until [ -e /m/a ]; do i=$((i+1)); [ $i -lt 300 ] || exit 1; sleep 0.1; "
    "done; echo b > /b\n"
    "FROM scratch\nCOPY rootfs/ /\n"
    "RUN --mount=type=bind,from=a,target=/ma --mount=type=bind,from=b,target=/mb "
    "cat /ma/a /mb/b > /both\n";

TEST_F(RebuildTest, IndependentStagesRunAtOnce) {
  ASSERT_TRUE(WriteFileAtomic(P("ctx/Dockerfile"), kMeetingBranches).ok());
  std::vector<std::string> lines =
      Build({}, [&](ExecOptions& o) { o.jobs = 2; });
  // Both branches met (else one would fail), and the three identical COPY
  // steps ran once: the others waited and reused.
  int ran_copy = 0, ran = 0;
  for (const std::string& l : lines) {
    ran_copy += l == "ran COPY rootfs/ /";
    ran += l.rfind("ran RUN", 0) == 0;
  }
  EXPECT_EQ(ran_copy, 1);
  EXPECT_EQ(ran, 3);
}

// What the store's tmp/ holds.
std::vector<std::string> TmpEntries(const std::string& root) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(root + "/tmp")) {
    names.push_back(e.path().filename());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Builds ctx/Dockerfile expecting it to fail; returns the error.
Status FailedBuild(const std::string& ctx, const std::string& root, ExecOptions o) {
  auto df = frontend::ParseDockerfile(*ReadFile(ctx + "/Dockerfile"), "Dockerfile");
  cache::ContextDigester digester(ctx, nullptr);
  NoImages images;
  auto g = planner::PlanBuild(*df, {}, images, digester);
  if (!g.ok()) return g.status();
  o.context_dir = ctx;
  Log log;
  auto built = ExecuteBuild(*g, cache::StorePaths(root), o, log);
  return built.ok() ? Status::Ok() : built.status();
}

TEST_F(RebuildTest, ARunPastItsTimeoutFailsAtItsLine) {
  ASSERT_TRUE(WriteFileAtomic(P("ctx/Dockerfile"),
      "FROM scratch\nCOPY rootfs/ /\nRUN echo working && sleep 60\n").ok());
  ExecOptions o;
  o.run_timeout = std::chrono::seconds(1);
  auto start = std::chrono::steady_clock::now();
  Status st = FailedBuild(P("ctx"), P("root"), o);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 20);
  EXPECT_EQ(st.code(), ErrorCode::kBuildFailed);
  EXPECT_EQ(st.message(),
            "Dockerfile:3: process \"/bin/sh -c echo working && sleep 60\" did not complete "
            "successfully: timed out after 1s\n  > working");
  // The failed step's layer dir and overlay scratch are gone with it.
  EXPECT_EQ(TmpEntries(P("root")), std::vector<std::string>{".lock"});
}

// (The shell does not exec the command it waits for: pid 1 of the
// sandbox could not be stopped from inside.)
TEST_F(RebuildTest, ARunThatStopsItselfFailsAtItsLine) {
  ASSERT_TRUE(WriteFileAtomic(P("ctx/Dockerfile"),
      "FROM scratch\nCOPY rootfs/ /\nRUN sh -c 'kill -STOP $$' && echo resumed\n").ok());
  auto start = std::chrono::steady_clock::now();
  Status st = FailedBuild(P("ctx"), P("root"), ExecOptions{});
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 20);
  EXPECT_EQ(st.code(), ErrorCode::kBuildFailed);
  EXPECT_EQ(st.message(),
            "Dockerfile:3: process \"/bin/sh -c sh -c 'kill -STOP $$' && echo resumed\" did not "
            "complete "
            "successfully: stopped: every process was stopped (by a signal or a tracer) or "
            "waiting for a stopped one for 2s");
}

TEST_F(RebuildTest, AFailureStopsTheOtherBranches) {
  ASSERT_TRUE(WriteFileAtomic(P("ctx/Dockerfile"),
      "FROM scratch AS a\nCOPY rootfs/ /\nRUN echo oops && exit 3\n"
      "FROM scratch AS b\nCOPY rootfs/ /\nRUN sleep 60\n"
      "FROM scratch\nCOPY rootfs/ /\n"
      "RUN --mount=type=bind,from=a,target=/ma --mount=type=bind,from=b,target=/mb true\n").ok());
  ExecOptions o;
  o.jobs = 2;
  auto start = std::chrono::steady_clock::now();
  Status st = FailedBuild(P("ctx"), P("root"), o);
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(st.code(), ErrorCode::kBuildFailed);
  EXPECT_EQ(st.message(),
            "Dockerfile:3: process \"/bin/sh -c echo oops && exit 3\" did not complete "
            "successfully: exit code: 3\n  > oops");
  EXPECT_LT(took, 20) << "the sleeping branch was not stopped";
  EXPECT_EQ(TmpEntries(P("root")), std::vector<std::string>{".lock"});
}

}  // namespace
}  // namespace mybuild::executor
