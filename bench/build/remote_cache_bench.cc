// The shared build cache (issue 12), next to BuildKit's inline registry
// cache. Each case is built cold on a fresh --root that exports to a registry
// cache (mode=max), then on another fresh --root, as a new CI runner, with
// --cache-from that cache. BuildKit (Debian's docker.io 20.10, a private
// dockerd, `--network host`) builds the same with
// `--build-arg BUILDKIT_INLINE_CACHE=1` and pushes the image, then, with its
// build cache pruned and every image but the bases removed (a fresh daemon
// with the base pulled, as a CI runner's), builds with `--cache-from` it.
// Cases: 30 RUN steps (many layers), 2 CPU-heavy stages + final
// (multi-stage), 20,000 files + 50 MB, and a Debian app (apt-get on a
// `debootstrap --variant=minbase bookworm` base, kept in
// /tmp/mybuild-bench-debian between runs). Rounds interleave the tools; prints
// medians of ROUNDS (default 1), milliseconds: mybuild's plain cold build,
// each tool's exporting build, its importing build with the ratio, and the
// time from the importing build's start to its first reused step (its
// "CACHED" line). Needs root; CASE names cases by directory (runs, stages, big,
// debian), default all.
//   bazel run -c opt //bench/build:remote_cache_bench [-- ROUNDS [CASE...]]
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "base/fd.h"
#include "bench/build/bench_cases.h"
#include "bench/build/debian_base.h"
#include "bench/build/dockerd.h"
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

// Runs `argv` with its output to `log`; its wall time, and (first) the time
// until its output first holds `marker`. Ends the benchmark (BenchFailed)
// on failure.
double Timed(const std::vector<std::string>& argv, const std::string& log,
             const std::string& marker = "", double* first = nullptr) {
  auto start = Clock::now();
  Expected<pid_t> pid = StartCommand(argv, log);
  if (!pid.ok()) throw BenchFailed();
  // Polls the log while the build runs (a benchmark may; a test may not).
  while (first && *first < 0) {
    Expected<std::string> text = ReadFile(log);
    if (text.ok() && text->find(marker) != std::string::npos) *first = Ms(start);
    if (::kill(*pid, 0) != 0) break;
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  int code = WaitFor(*pid);
  double ms = Ms(start);
  if (code != 0) {
    Expected<std::string> text = ReadFile(log);
    std::fprintf(stderr, "%s ... %s failed:\n%s\n", argv[0].c_str(), argv.back().c_str(),
                 text.ok() ? text->c_str() : "");
    throw BenchFailed();
  }
  return ms;
}

// One mybuild build on a fresh `root`.
double Build(const BuildHarness& h, const std::string& root,
             const std::string& ctx, const std::vector<std::string>& extra,
             double* first_cached = nullptr) {
  std::vector<std::string> args = {"build", "--root", h.Path(root), "--progress", "plain"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(h.Path(ctx));
  return Timed(h.Argv(args), h.Path(root + ".log"), " CACHED\n", first_cached);
}

// Times the BuildKit side of one round: the exporting build and its push
// (returned in *exported), then the import on a daemon that keeps nothing
// but the bases (returned in *imported, *first).
void BuildKitRound(const BuildHarness& h, const PrivateDockerd& d, const std::string& ctx,
                   const std::string& tag, double* exported, double* imported,
                   double* first) {
  std::string ref = h.registry_host() + "/bk-" + tag + ":latest";
  auto forget = [&] {  // nothing of this build stays on the daemon
    (void)d.Docker({"builder", "prune", "-af"});
    (void)d.Docker({"image", "rm", "-f", ref, "app"});
  };
  forget();
  std::string log = h.Path("bk-" + tag + ".log");
  auto start = Clock::now();
  Timed(d.Argv({"build", "--progress", "plain", "--network", "host", "--build-arg",
                "BUILDKIT_INLINE_CACHE=1", "-t", ref, h.Path(ctx)}),
        log);
  Timed(d.Argv({"push", ref}), log);
  *exported = Ms(start);
  forget();
  *first = -1;
  *imported = Timed(d.Argv({"build", "--progress", "plain", "--network", "host",
                            "--cache-from", ref, "-t", "app", h.Path(ctx)}),
                    h.Path("bk-b-" + tag + ".log"), " CACHED\n", first);
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
  std::vector<BenchCase> all = {{"30 RUN steps", "runs", ""},
                                {"2 heavy stages", "stages", ""},
                                {"20k files + 50 MB", "big", ""},
                                {"Debian app (apt)", "debian", ""}};
  std::vector<BenchCase> cases;
  for (const BenchCase& c : all) {
    bool wanted = argc <= 2;
    for (int i = 2; i < argc; ++i) wanted = wanted || c.dir == argv[i];
    if (wanted) cases.push_back(c);
  }
  Status st = WriteThirtyRuns(harness.Path("runs"), harness.base());
  if (st.ok()) st = WriteTwoHeavyStages(harness.Path("stages"), harness.base());
  if (st.ok()) st = WriteBigContext(harness.Path("big"), harness.base());
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 1;
  }
  std::vector<std::string> bases = {harness.base()};
  if (std::find_if(cases.begin(), cases.end(),
                   [](const BenchCase& c) { return c.dir == "debian"; }) != cases.end()) {
    std::string debian = PushDebianBase(harness);
    if (debian.empty() || !WriteDebianApp(harness.Path("debian"), debian).ok()) {
      cases.erase(std::remove_if(cases.begin(), cases.end(),
                                 [](const BenchCase& c) { return c.dir == "debian"; }),
                  cases.end());
    } else {
      bases.push_back(debian);
    }
  }
  Expected<std::unique_ptr<PrivateDockerd>> dockerd =
      PrivateDockerd::Start(harness.Path("dockerd"), harness.registry_host());
  if (dockerd.ok()) {
    for (const std::string& b : bases) {  // as a CI runner's daemon has them
      Expected<CommandResult> pull = (*dockerd)->Docker({"pull", "-q", b});
      if (!pull.ok() || pull->exit_code != 0) {
        std::fprintf(stderr, "docker pull %s failed\n", b.c_str());
        return 1;
      }
    }
  } else {
    std::fprintf(stderr, "no BuildKit column: %s\n", dockerd.status().message().c_str());
  }
  std::printf("%-20s %8s | %8s %8s | %8s %8s %7s | %8s %8s\n", "case", "cold", "export",
              "bk exp", "import", "bk imp", "ratio", "1st hit", "bk 1st");
  for (const BenchCase& c : cases) {
    std::vector<double> cold, exported, imported, first, bk_exp, bk_imp, bk_first;
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
      if (dockerd.ok()) {
        double e, i, bf;
        BuildKitRound(harness, **dockerd, c.dir, tag, &e, &i, &bf);
        bk_exp.push_back(e);
        bk_imp.push_back(i);
        bk_first.push_back(bf);
      }
    }
    double bk = Median(bk_imp);
    std::printf("%-20s %8.0f | %8.0f %8.0f | %8.0f %8.0f %6.3fx | %8.0f %8.0f\n",
                c.name.c_str(), Median(cold), Median(exported), Median(bk_exp),
                Median(imported), bk, bk > 0 ? Median(imported) / bk : 0.0,
                Median(first), Median(bk_first));
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace
}  // namespace mybuild::bench

int main(int argc, char** argv) {
  return mybuild::bench::RunBench(mybuild::bench::Main, argc, argv);
}
