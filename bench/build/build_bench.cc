// mybuild next to Debian's buildah (vfs storage, --layers, OCI isolation
// through runc) on the same Dockerfiles and the same base image from the
// same local registry: a cold build, a no-op rebuild, and a rebuild after
// editing one file, for three cases (buildah runs RUN steps with runc:
// its default, crun, refuses the hybrid cgroup setup of our test machines). Prints milliseconds (median of ROUNDS
// runs, default 3) and the ratio mybuild / buildah. Needs root.
//   bazel run -c opt //bench/build:build_bench [-- ROUNDS]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <thread>

#include "base/fd.h"
#include "bench/build/bench_cases.h"
#include "bench/build/harness.h"

namespace mybuild::bench {
namespace {

using Clock = std::chrono::steady_clock;
const char* const kRounds[] = {"cold", "no-op", "edit"};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

class Bench {
 public:
  explicit Bench(BuildHarness& h) : h_(h) {}

  // Times one build; exits the benchmark when it fails (a ratio of a
  // failed build means nothing).
  double Time(const std::string& what, const std::vector<std::string>& argv,
              const std::function<Expected<CommandResult>()>& run) {
    auto start = Clock::now();
    Expected<CommandResult> r = run();
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!r.ok() || r->exit_code != 0) {
      std::fprintf(stderr, "%s failed (%s):\n%s\n", what.c_str(), argv.back().c_str(),
                   r.ok() ? r->output.c_str() : r.status().message().c_str());
      std::exit(1);
    }
    return ms;
  }

  // cold, no-op, edit for one tool in a fresh store named `root`.
  std::vector<double> Run(const BenchCase& c, bool buildah, const std::string& root, int n,
                          const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args;
    if (buildah) {
      args = {"buildah", "--root", h_.Path(root + "/storage"), "--runroot",
              h_.Path(root + "/run"), "--storage-driver", "vfs", "bud", "--layers",
              "--jobs", "2", "--runtime", "runc", "--tls-verify=false", "--quiet", "-t", "app", h_.Path(c.dir)};
    } else {
      args = {"build", "--root", h_.Path(root), "--progress", "quiet", "-t", "app"};
      args.insert(args.end(), extra.begin(), extra.end());
      args.push_back(h_.Path(c.dir));
    }
    auto run = [&] {
      return buildah ? registry::testing::RunCommand(args) : h_.Mybuild(args);
    };
    std::string label = (buildah ? "buildah " : "mybuild ") + c.name;
    std::vector<double> out;
    out.push_back(Time(label + " cold", args, run));
    out.push_back(Time(label + " no-op", args, run));
    (void)WriteFileAtomic(h_.Path(c.dir + "/" + c.edit_file),
                          "edited " + std::to_string(n) + " " + root + "\n");
    out.push_back(Time(label + " edit", args, run));
    return out;
  }

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
  std::vector<BenchCase> cases = {
      {"30 RUN steps", "runs", "app.txt"},
      {"2 heavy stages", "stages", "app.txt"},
      {"20k files + 50 MB", "big", "src/d42/f7.txt"},
  };
  Status st = WriteThirtyRuns(harness.Path("runs"), harness.base());
  if (st.ok()) st = WriteTwoHeavyStages(harness.Path("stages"), harness.base());
  if (st.ok()) st = WriteBigContext(harness.Path("big"), harness.base());
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 1;
  }
  Bench bench(harness);
  std::printf("%-20s %-6s %12s %12s %8s\n", "case", "build", "mybuild ms", "buildah ms",
              "ratio");
  for (const BenchCase& c : cases) {
    std::vector<std::vector<double>> mine(3), theirs(3);
    for (int r = 0; r < rounds; ++r) {
      std::string tag = c.dir + std::to_string(r);
      std::vector<double> m = bench.Run(c, false, "mybuild-" + tag, r);
      std::vector<double> b = bench.Run(c, true, "buildah-" + tag, r);
      for (int i = 0; i < 3; ++i) {
        mine[i].push_back(m[i]);
        theirs[i].push_back(b[i]);
      }
    }
    for (int i = 0; i < 3; ++i) {
      double a = Median(mine[i]), b = Median(theirs[i]);
      std::printf("%-20s %-6s %12.0f %12.0f %7.3fx\n", i == 0 ? c.name.c_str() : "",
                  kRounds[i], a, b, a / b);
    }
    std::fflush(stdout);
  }
  // The stages of the two-stage case one after the other: what the cold
  // build would cost without running independent stages at once.
  std::vector<double> serial;
  for (int r = 0; r < rounds; ++r) {
    serial.push_back(bench.Run(cases[1], false, "serial" + std::to_string(r), r,
                               {"--jobs", "1"})[0]);
  }
  std::printf("\n%s cold with --jobs 1 (stages in sequence): %.0f ms\n",
              cases[1].name.c_str(), Median(serial));
  return 0;
}

}  // namespace
}  // namespace mybuild::bench

int main(int argc, char** argv) { return mybuild::bench::Main(argc, argv); }
