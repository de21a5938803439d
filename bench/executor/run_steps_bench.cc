// Times what a RUN step costs beyond its command: a build of 30 RUN steps,
// each `echo N > /fN`, through ExecuteBuild (sandbox setup, overlay mount,
// the command, layer tar+gzip, snapshot), next to the same command run
// bare (fork+exec, no isolation), inside RunInSandbox alone, and under runc
// as a peer. Prints the median over all steps of ROUNDS builds (default 5)
// and the best round's median (the machine may be busy with other work),
// and the CPU time the builder and its children spent per step.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/fd.h"
#include "base/sha256.h"
#include "base/temp_dir.h"
#include "executor/build_executor.h"
#include "executor/sandbox.h"
#include "planner/build_graph.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace {

using namespace mybuild;
using Clock = std::chrono::steady_clock;
constexpr int kSteps = 30;

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// User and system CPU time of this process and its waited-for children.
double CpuMs() {
  double ms = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    struct rusage ru;
    ::getrusage(who, &ru);
    for (const timeval& t : {ru.ru_utime, ru.ru_stime})
      ms += t.tv_sec * 1e3 + t.tv_usec / 1e3;
  }
  return ms;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// Records how long each RUN step took, as the executor reports it.
class TimingProgress : public executor::Progress {
 public:
  void Started(const executor::StepLabel&) override {}
  void Cached(const executor::StepLabel&) override {}
  void Output(const executor::StepLabel&, std::string_view) override {}
  void Done(const executor::StepLabel& s, double seconds) override {
    if (s.text.rfind("RUN", 0) == 0) run_ms.push_back(seconds * 1000);
  }
  void Note(std::string_view) override {}
  std::vector<double> run_ms;
};

planner::BuildGraph Graph(int round) {
  planner::StagePlan stage;
  planner::Step copy;
  copy.kind = planner::StepKind::kCopy;
  copy.file = "Dockerfile";
  copy.text = copy.created_by = "COPY rootfs /";
  copy.copy.sources = {"rootfs"};
  copy.copy.dest = "/";
  copy.cache_key = Sha256Hex("rootfs");
  stage.steps.push_back(copy);
  for (int i = 0; i < kSteps; ++i) {
    planner::Step run;
    run.kind = planner::StepKind::kRun;
    run.file = "Dockerfile";
    std::string cmd = "echo " + std::to_string(i) + " > /f" + std::to_string(i);
    run.text = "RUN " + cmd;
    run.created_by = "RUN /bin/sh -c " + cmd;
    run.run.argv = {"/bin/sh", "-c", cmd};
    run.run.env = {"PATH=/bin"};
    run.run.workdir = "/";
    run.cache_key = Sha256Hex(std::to_string(round) + "/" + cmd);
    stage.steps.push_back(run);
  }
  planner::BuildGraph g;
  g.stages = {stage};
  g.order = {0};
  g.target = 0;
  return g;
}

// Runs argv to completion; returns its wall time in ms, or -1.
double TimeCommand(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  auto start = Clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  auto end = Clock::now();
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? Ms(start, end) : -1;
}

// The same command in RunInSandbox alone: no cache, no layer commit.
std::vector<double> SandboxOnly(const std::string& dir) {
  std::vector<double> ms;
  for (int i = 0; i < kSteps; ++i) {
    std::string n = dir + "/sb" + std::to_string(i);
    for (const char* d : {"/upper", "/work", "/mnt", "/etc"})
      (void)MakeDirs(n + d);
    executor::SandboxSpec spec;
    spec.lower_dirs = {dir + "/ctx/rootfs"};
    spec.upper_dir = n + "/upper";
    spec.work_dir = n + "/work";
    spec.mount_dir = n + "/mnt";
    spec.etc_dir = n + "/etc";
    spec.argv = {"/bin/sh", "-c", "echo " + std::to_string(i) + " > /f"};
    spec.env = {"PATH=/bin"};
    auto start = Clock::now();
    auto r = executor::RunInSandbox(spec, nullptr);
    if (r.ok() && r->success()) ms.push_back(Ms(start, Clock::now()));
  }
  return ms;
}

// The peer: `runc run` of the same command over the same rootfs.
std::vector<double> Runc(const std::string& dir) {
  std::vector<double> ms;
  std::string bundle = dir + "/bundle";
  if (!MakeDirs(bundle).ok() ||
      TimeCommand({"runc", "spec", "--bundle", bundle}) < 0) {
    return ms;
  }
  auto config = nlohmann::json::parse(*ReadFile(bundle + "/config.json"));
  config["root"] = {{"path", dir + "/ctx/rootfs"}, {"readonly", false}};
  config["process"]["terminal"] = false;
  for (int i = 0; i < kSteps; ++i) {
    config["process"]["args"] = {"/bin/sh", "-c",
                                 "echo " + std::to_string(i) + " > /tmp/f"};
    (void)WriteFileAtomic(bundle + "/config.json", config.dump());
    std::string id =
        "mybuild-bench-" + std::to_string(::getpid()) + "-" + std::to_string(i);
    double t = TimeCommand({"runc", "run", "--bundle", bundle, id});
    if (t >= 0) ms.push_back(t);
  }
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  if (::geteuid() != 0) {
    std::fprintf(stderr, "run_steps_bench: needs root\n");
    return 2;
  }
  int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
  auto dir = TempDir::Create();
  if (!dir.ok() || !MakeDirs(dir->path() + "/ctx/rootfs").ok() ||
      !testing::MakeBusyboxRootfs(dir->path() + "/ctx/rootfs").ok()) {
    std::fprintf(stderr, "run_steps_bench: cannot make the busybox rootfs\n");
    return 1;
  }
  std::vector<double> step_ms, build_ms, round_medians;
  double cpu_before = CpuMs();
  for (int round = 0; round < rounds; ++round) {
    executor::ExecOptions o;
    o.context_dir = dir->path() + "/ctx";
    o.created = "2026-01-01T00:00:00Z";
    TimingProgress progress;
    auto start = Clock::now();
    auto built = executor::ExecuteBuild(
        Graph(round), cache::StorePaths(dir->path() + "/root"), o, progress);
    if (!built.ok()) {
      std::fprintf(stderr, "run_steps_bench: %s\n",
                   built.status().message().c_str());
      return 1;
    }
    build_ms.push_back(Ms(start, Clock::now()));
    step_ms.insert(step_ms.end(), progress.run_ms.begin(),
                   progress.run_ms.end());
    round_medians.push_back(Median(progress.run_ms));
  }
  double cpu_per_step = (CpuMs() - cpu_before) / (rounds * (kSteps + 1));
  std::vector<double> bare;
  for (int i = 0; i < kSteps; ++i) {
    bare.push_back(TimeCommand(
        {dir->path() + "/ctx/rootfs/bin/sh", "-c",
         "echo " + std::to_string(i) + " > " + dir->path() + "/bare"}));
  }
  std::vector<double> sandbox = SandboxOnly(dir->path());
  std::vector<double> runc = Runc(dir->path());
  double step = Median(step_ms), cmd = Median(bare);
  double best = *std::min_element(round_medians.begin(), round_medians.end());
  std::printf(
      "RUN step through ExecuteBuild: median %.2f ms, best round's median %.2f "
      "ms\n"
      "  (%d steps x %d rounds; a build of 1 COPY + %d RUN: median %.0f ms)\n",
      step, best, kSteps, rounds, kSteps, Median(build_ms));
  std::printf("  CPU, builder and children:    %.2f ms per step\n",
              cpu_per_step);
  std::printf("  RunInSandbox alone:           median %.2f ms\n",
              Median(sandbox));
  std::printf("bare command (fork+exec sh):    median %.2f ms\n", cmd);
  std::printf(
      "overhead per RUN step:          %.2f ms median, %.2f ms best round "
      "(goal: under 20 ms)\n",
      step - cmd, best - cmd);
  if (!runc.empty()) {
    std::printf(
        "peer, runc run of the command:  median %.2f ms (%.1fx mybuild's "
        "step)\n",
        Median(runc), Median(runc) / step);
  } else {
    std::printf("peer, runc run: not available\n");
  }
  return 0;
}
