// The shared build cache (issue 12): each case is built cold on a fresh
// --root that exports to a registry cache (mode=max), then on another fresh
// --root, as a new CI runner, with --cache-from that cache. Prints
// milliseconds (median of ROUNDS, default 1): a plain cold build, the
// exporting build, the importing build, and the time from the importing
// build's start to its first CACHED step. Needs root.
//   bazel run -c opt //bench/build:remote_cache_bench [-- ROUNDS]
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "base/fd.h"
#include "bench/build/bench_cases.h"
#include "bench/build/harness.h"

namespace mybuild::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start)
      .count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// One build on `root`; its wall time, and (first_cached) the time until
// its progress first shows a reused step. Ends the benchmark (BenchFailed) on failure.
double Build(const BuildHarness& h, const std::string& root,
             const std::string& ctx, const std::vector<std::string>& extra,
             double* first_cached = nullptr) {
  std::vector<std::string> args = {"build", "--root", h.Path(root),
                                   "--progress", "plain"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(h.Path(ctx));
  std::string log = h.Path(root + ".log");
  auto start = Clock::now();
  Expected<pid_t> pid = h.StartMybuild(args, log);
  if (!pid.ok()) throw BenchFailed();
  // Polls the log while the build runs (a benchmark may; a test may not).
  while (first_cached && *first_cached < 0) {
    Expected<std::string> text = ReadFile(log);
    if (text.ok() && text->find(" CACHED\n") != std::string::npos)
      *first_cached = Ms(start);
    if (::kill(*pid, 0) != 0) break;
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  int code = WaitFor(*pid);
  double ms = Ms(start);
  if (code != 0) {
    Expected<std::string> text = ReadFile(log);
    std::fprintf(stderr, "build of %s on %s failed:\n%s\n", ctx.c_str(),
                 root.c_str(), text.ok() ? text->c_str() : "");
    throw BenchFailed();
  }
  return ms;
}

int Main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 1;
  if (::geteuid() != 0) {
    std::fprintf(stderr, "remote_cache_bench needs root\n");
    return 1;
  }
  auto h = BuildHarness::Start("cli/mybuild");
  if (!h.ok()) {
    std::fprintf(stderr, "%s\n", h.status().message().c_str());
    return 1;
  }
  BuildHarness& harness = **h;
  std::vector<BenchCase> cases = {{"30 RUN steps", "runs", ""},
                                  {"2 heavy stages", "stages", ""},
                                  {"20k files + 50 MB", "big", ""}};
  Status st = WriteThirtyRuns(harness.Path("runs"), harness.base());
  if (st.ok()) st = WriteTwoHeavyStages(harness.Path("stages"), harness.base());
  if (st.ok()) st = WriteBigContext(harness.Path("big"), harness.base());
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 1;
  }
  std::printf("%-20s %10s %10s %10s %14s\n", "case", "cold ms", "export ms",
              "import ms", "1st cached ms");
  for (const BenchCase& c : cases) {
    std::vector<double> cold, exported, imported, first;
    for (int r = 0; r < rounds; ++r) {
      std::string tag = c.dir + std::to_string(r);
      std::string ref = harness.registry_host() + "/cache-" + tag + ":main";
      cold.push_back(Build(harness, "cold-" + tag, c.dir, {}));
      exported.push_back(
          Build(harness, "a-" + tag, c.dir,
                {"--cache-to", "type=registry,ref=" + ref + ",mode=max"}));
      double f = -1;
      imported.push_back(Build(harness, "b-" + tag, c.dir,
                               {"--cache-from", "type=registry,ref=" + ref},
                               &f));
      first.push_back(f);
    }
    std::printf("%-20s %10.0f %10.0f %10.0f %14.0f\n", c.name.c_str(),
                Median(cold), Median(exported), Median(imported),
                Median(first));
  }
  return 0;
}

}  // namespace
}  // namespace mybuild::bench

int main(int argc, char** argv) {
  return mybuild::bench::RunBench(mybuild::bench::Main, argc, argv);
}
