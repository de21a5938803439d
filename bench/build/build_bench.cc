// mybuild next to its peers on the same Dockerfiles and the same base image
// from the same local registry: Debian's buildah (vfs storage, --layers,
// runc: its default, crun, refuses the hybrid cgroup setup of our test
// machines) and BuildKit (Debian's docker.io 20.10 on a private dockerd this
// benchmark starts and stops; the base pulled beforehand, the build cache
// pruned before each cold build). For each of three cases: a cold build, a
// no-op rebuild, and a rebuild after editing one file. Prints milliseconds
// (median of ROUNDS runs, default 3) and mybuild's ratio to the best peer.
// A peer that is not installed is left out. Needs root. CASE names cases by
// their directory (runs, stages, big, random); default all.
//   bazel run -c opt //bench/build:build_bench [-- ROUNDS [CASE...]]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>

#include "base/fd.h"
#include "bench/build/bench_cases.h"
#include "bench/build/dockerd.h"
#include "bench/build/harness.h"

namespace mybuild::bench {
namespace {

using Clock = std::chrono::steady_clock;
const char* const kRounds[] = {"cold", "no-op", "edit"};

enum class Tool { kMybuild, kBuildah, kBuildKit };
const char* const kToolNames[] = {"mybuild", "buildah", "buildkit"};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

class Bench {
 public:
  explicit Bench(BuildHarness& h) : h_(h) {}

  // Times one build; ends the benchmark when it fails (a ratio of a failed
  // build means nothing).
  double Time(const std::string& what, const std::vector<std::string>& argv,
              const std::function<Expected<CommandResult>()>& run) {
    auto start = Clock::now();
    Expected<CommandResult> r = run();
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!r.ok() || r->exit_code != 0) {
      std::fprintf(stderr, "%s failed (%s):\n%s\n", what.c_str(), argv.back().c_str(),
                   r.ok() ? r->output.c_str() : r.status().message().c_str());
      throw BenchFailed();
    }
    return ms;
  }

  // cold, no-op, edit for one tool in a fresh store named `root`.
  std::vector<double> Run(const BenchCase& c, Tool tool, const std::string& root, int n,
                          const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args;
    if (tool == Tool::kBuildah) {
      args = {"buildah", "--root", h_.Path(root + "/storage"), "--runroot",
              h_.Path(root + "/run"), "--storage-driver", "vfs", "bud", "--layers",
              "--jobs", "2", "--runtime", "runc", "--tls-verify=false", "--quiet", "-t", "app", h_.Path(c.dir)};
    } else if (tool == Tool::kBuildKit) {
      // The private dockerd has no bridge: RUN steps use the host network, as
      // mybuild's and buildah's do by default.
      args = {"build", "-q", "--network", "host", "-t", "app", h_.Path(c.dir)};
      // Cold: no build cache and no image, the base already pulled.
      (void)dockerd_->Docker({"builder", "prune", "-af"});
      (void)dockerd_->Docker({"image", "rm", "-f", "app"});
    } else {
      args = {"build", "--root", h_.Path(root), "--progress", "quiet", "-t", "app"};
      args.insert(args.end(), extra.begin(), extra.end());
      args.push_back(h_.Path(c.dir));
    }
    auto run = [&] {
      if (tool == Tool::kBuildah) return registry::testing::RunCommand(args);
      if (tool == Tool::kBuildKit) return dockerd_->Docker(args);
      return h_.Mybuild(args);
    };
    std::string label = std::string(kToolNames[static_cast<int>(tool)]) + " " + c.name;
    std::vector<double> out;
    out.push_back(Time(label + " cold", args, run));
    out.push_back(Time(label + " no-op", args, run));
    (void)WriteFileAtomic(h_.Path(c.dir + "/" + c.edit_file),
                          "edited " + std::to_string(n) + " " + root + "\n");
    out.push_back(Time(label + " edit", args, run));
    return out;
  }

  PrivateDockerd* dockerd_ = nullptr;

 private:
  BuildHarness& h_;
};

int Main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 3;
  if (::geteuid() != 0) {
    std::fprintf(stderr, "build_bench needs root\n");
    return 1;
  }
  auto h = BuildHarness::Start("cli/mybuild");
  if (!h.ok()) {
    std::fprintf(stderr, "%s\n", h.status().message().c_str());
    return 1;
  }
  BuildHarness& harness = **h;
  std::vector<BenchCase> all = {
      {"30 RUN steps", "runs", "app.txt"},
      {"2 heavy stages", "stages", "app.txt"},
      {"20k files + 50 MB", "big", "src/d42/f7.txt"},
      {"RUN 300 MB random", "random", "app.txt"},
  };
  std::vector<BenchCase> cases;
  for (const BenchCase& c : all) {
    bool wanted = argc <= 2;
    for (int i = 2; i < argc; ++i) wanted = wanted || c.dir == argv[i];
    if (wanted) cases.push_back(c);
  }
  Status st = WriteThirtyRuns(harness.Path("runs"), harness.base());
  if (st.ok()) st = WriteTwoHeavyStages(harness.Path("stages"), harness.base());
  if (st.ok()) st = WriteBigContext(harness.Path("big"), harness.base());
  if (st.ok()) st = WriteRandomRun(harness.Path("random"), harness.base());
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 1;
  }
  Bench bench(harness);
  std::vector<Tool> tools = {Tool::kMybuild};
  if (registry::testing::ToolInstalled("buildah")) tools.push_back(Tool::kBuildah);
  Expected<std::unique_ptr<PrivateDockerd>> dockerd =
      PrivateDockerd::Start(harness.Path("dockerd"), harness.registry_host());
  if (dockerd.ok()) {
    bench.dockerd_ = dockerd->get();
    Expected<CommandResult> pull = (*dockerd)->Docker({"pull", "-q", harness.base()});
    if (!pull.ok() || pull->exit_code != 0) {
      std::fprintf(stderr, "docker pull %s failed\n", harness.base().c_str());
      return 1;
    }
    tools.push_back(Tool::kBuildKit);
  } else {
    std::fprintf(stderr, "no BuildKit column: %s\n", dockerd.status().message().c_str());
  }
  std::printf("%-20s %-6s", "case", "build");
  for (Tool t : tools) std::printf(" %10s ms", kToolNames[static_cast<int>(t)]);
  std::printf(" %14s\n", "ratio to best");
  for (const BenchCase& c : cases) {
    // [tool][round kind] -> times, tools interleaved round by round.
    std::vector<std::vector<std::vector<double>>> times(
        tools.size(), std::vector<std::vector<double>>(3));
    for (int r = 0; r < rounds; ++r) {
      for (size_t t = 0; t < tools.size(); ++t) {
        std::string root = std::string(kToolNames[static_cast<int>(tools[t])]) + "-" +
                           c.dir + std::to_string(r);
        std::vector<double> m = bench.Run(c, tools[t], root, r);
        for (int i = 0; i < 3; ++i) times[t][i].push_back(m[i]);
      }
    }
    for (int i = 0; i < 3; ++i) {
      std::printf("%-20s %-6s", i == 0 ? c.name.c_str() : "", kRounds[i]);
      double best = 0;
      for (size_t t = 0; t < tools.size(); ++t) {
        double m = Median(times[t][i]);
        std::printf(" %13.0f", m);
        if (t > 0 && (best == 0 || m < best)) best = m;
      }
      if (best > 0) std::printf(" %13.3fx", Median(times[0][i]) / best);
      std::printf("\n");
    }
    std::fflush(stdout);
  }
  // The stages of the two-stage case one after the other: what the cold
  // build would cost without running independent stages at once.
  if (cases.size() != all.size()) return 0;
  std::vector<double> serial;
  for (int r = 0; r < rounds; ++r) {
    serial.push_back(bench.Run(cases[1], Tool::kMybuild, "serial" + std::to_string(r), r,
                               {"--jobs", "1"})[0]);
  }
  std::printf("\n%s cold with --jobs 1 (stages in sequence): %.0f ms\n",
              cases[1].name.c_str(), Median(serial));
  return 0;
}

}  // namespace
}  // namespace mybuild::bench

int main(int argc, char** argv) {
  return mybuild::bench::RunBench(mybuild::bench::Main, argc, argv);
}
