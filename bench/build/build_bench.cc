// mybuild next to its peers on the same Dockerfiles and the same base images
// from the same local registry: Debian's buildah (vfs storage, --layers,
// runc: its default, crun, refuses the hybrid cgroup setup of our test
// machines) and BuildKit (Debian's docker.io 20.10 on a private dockerd this
// benchmark starts and stops). Rounds, for each case and tool, interleaved
// tool by tool:
//   cold        the base pulled beforehand (as a peer's daemon has it), no
//               build cache;
//   cold empty  nothing at all: the base is pulled by the build;
//   no-op       the same build again;
//   edit        after editing one file of the context;
//   push        the image to an empty registry (a fresh docker-registry);
//   build+push  cold + push.
// Prints milliseconds (median of ROUNDS runs, default 3) and mybuild's ratio
// to the best peer; for mybuild also its own time outside the steps (wall
// minus the union of its steps' intervals, from --progress rawjson) and its
// peak RSS (GNU time's maximum resident set, RUN processes included). For
// the CPU-bound cases, "RUNs alone" times their RUN commands in a chroot of
// the base without any builder: the unavoidable work. The machine's limits
// are printed first. A peer that is not installed is left
// out. Needs root. CASE names cases by their directory (runs, stages, big,
// random, debian, ignore); default all. The Debian case needs debootstrap
// (its tree is kept in /tmp/mybuild-bench-debian).
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
#include "bench/build/bench_table.h"
#include "bench/build/debian_base.h"
#include "bench/build/dockerd.h"
#include "bench/build/harness.h"
#include "bench/build/machine_limits.h"
#include "bench/build/step_time.h"

namespace mybuild::bench {
namespace {

using Clock = std::chrono::steady_clock;

class Bench {
 public:
  Bench(BuildHarness& h, PrivateDockerd* dockerd) : h_(h), dockerd_(dockerd) {}

  RoundTimes Run(const CaseSpec& s, Tool tool, const std::string& root, int n) {
    RoundTimes t;
    const std::string tag = std::string(kToolNames[static_cast<int>(tool)]) + "-" + s.c.dir;
    std::string label = tag;
    // cold empty: a store (or daemon) without the base.
    if (tool == Tool::kBuildKit) {
      Forget({"app", s.base});
    }
    t.ms[kColdEmpty] = Time(label + " cold empty", tool, root + "-empty", s, &t);
    // cold: the base pulled first.
    if (tool == Tool::kBuildKit) {
      Forget({"app"});
      Untimed(label + " pull", dockerd_->Docker({"pull", "-q", s.base}));
    } else if (tool == Tool::kBuildah) {
      Untimed(label + " pull",
              registry::testing::RunCommand(Buildah(root, {"pull", "--tls-verify=false", "-q", s.base})));
    } else {
      Untimed(label + " pull", h_.Mybuild({"pull", "--root", h_.Path(root), s.base}));
    }
    t.ms[kCold] = Time(label + " cold", tool, root, s, &t, &t.own_cold);
    t.ms[kNoop] = Time(label + " no-op", tool, root, s, &t);
    (void)WriteFileAtomic(h_.Path(s.c.dir + "/" + s.c.edit_file),
                          "edited " + std::to_string(n) + " " + root + "\n");
    t.ms[kEdit] = Time(label + " edit", tool, root, s, &t, &t.own_edit);
    t.ms[kPush] = Push(label, tool, root, tag + std::to_string(n));
    t.ms[kBuildPush] = t.ms[kCold] + t.ms[kPush];
    if (tool == Tool::kMybuild && !s.c.alone.empty()) t.alone = Alone(s.c.alone);
    return t;
  }

 private:
  std::vector<std::string> Buildah(const std::string& root, std::vector<std::string> args) {
    std::vector<std::string> argv = {"buildah", "--root", h_.Path(root + "/storage"), "--runroot",
                                     h_.Path(root + "/run"), "--storage-driver", "vfs"};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }

  // Drops the build cache and `images` from the private daemon.
  void Forget(const std::vector<std::string>& images) {
    (void)dockerd_->Docker({"builder", "prune", "-af"});
    std::vector<std::string> rm = {"image", "rm", "-f"};
    rm.insert(rm.end(), images.begin(), images.end());
    (void)dockerd_->Docker(rm);
  }

  // Ends the benchmark when a step it depends on fails.
  static void Untimed(const std::string& what, const Expected<CommandResult>& r) {
    if (!r.ok() || r->exit_code != 0) {
      std::fprintf(stderr, "%s failed:\n%s\n", what.c_str(),
                   r.ok() ? r->output.c_str() : r.status().message().c_str());
      throw BenchFailed();
    }
  }

  // Times one command; ends the benchmark when it fails (a ratio of a
  // failed build means nothing).
  static double Timed(const std::string& what, const std::function<Expected<CommandResult>()>& run,
                      std::string* output = nullptr) {
    auto start = Clock::now();
    Expected<CommandResult> r = run();
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    Untimed(what, r);
    if (output) *output = r->output;
    return ms;
  }

  // One build of `s` by `tool` in the store `root`. For mybuild, `own` gets
  // its time outside the steps and t->rss_mb its peak RSS so far.
  double Time(const std::string& what, Tool tool, const std::string& root, const CaseSpec& s,
              RoundTimes* t, double* own = nullptr) {
    const std::string ctx = h_.Path(s.c.dir);
    // Untimed: what the tool before wrote reaches the disk first, so that
    // no build pays for its predecessor's writeback (its fsyncs queue
    // behind it). mybuild's 20k-file "cold empty", each round's first build
    // (after the context's creation, or BuildKit's build+push), took 3.6 s
    // against 1.1 s for "cold"; by hand, alone, both take 1.1-1.4 s.
    ::sync();
    if (tool == Tool::kBuildah) {
      std::vector<std::string> argv =
          Buildah(root, {"bud", "--layers", "--jobs", "2", "--runtime", "runc",
                         "--tls-verify=false", "--quiet", "-t", "app", ctx});
      return Timed(what, [&] { return registry::testing::RunCommand(argv); });
    }
    if (tool == Tool::kBuildKit) {
      // The private dockerd has no bridge: RUN steps use the host network.
      std::vector<std::string> args = {"build", "-q", "--network", "host", "-t", "app", ctx};
      return Timed(what, [&] { return dockerd_->Docker(args); });
    }
    const std::string rss_file = h_.Path(root + ".rss");
    std::vector<std::string> argv = {"/usr/bin/time", "-f", "%M", "-o", rss_file};
    for (const std::string& a : h_.Argv({"build", "--root", h_.Path(root), "--progress",
                                         "rawjson", "-t", "app", ctx})) {
      argv.push_back(a);
    }
    std::string output;
    double ms = Timed(what, [&] { return registry::testing::RunCommand(argv); }, &output);
    Expected<std::string> kb = ReadFile(rss_file);
    if (kb.ok()) t->rss_mb = std::max(t->rss_mb, std::atof(kb->c_str()) / 1024);
    if (own) {
      Expected<double> busy = StepBusySeconds(output);
      if (!busy.ok()) {
        std::fprintf(stderr, "%s: %s\n", what.c_str(), busy.status().message().c_str());
        throw BenchFailed();
      }
      *own = ms - *busy * 1000;
    }
    return ms;
  }

  // Times `script` in a chroot of the busybox base, then removes what it
  // wrote (untimed).
  double Alone(const std::string& script) {
    const std::string root = h_.Path("base/rootfs");
    // An image's /dev is empty (the runtime fills it): the nodes the
    // scripts read.
    Untimed("alone /dev", registry::testing::RunCommand(
                              {"sh", "-c", "cd " + root + "/dev && rm -f zero urandom null && "
                                           "mknod zero c 1 5 && mknod urandom c 1 9 && "
                                           "mknod null c 1 3"}));
    double ms = Timed("alone", [&] {
      return registry::testing::RunCommand(
          {"chroot", root, "/bin/sh", "-c", "set -eo pipefail; " + script});
    });
    Untimed("alone cleanup", registry::testing::RunCommand(
                                 {"chroot", root, "/bin/rm", "-f", "/a", "/b", "/seed", "/random.bin",
                                  "/dev/zero", "/dev/urandom", "/dev/null"}));
    return ms;
  }

  // Pushes `app` to a registry of its own (empty, so every blob is sent).
  double Push(const std::string& label, Tool tool, const std::string& root,
              const std::string& repo) {
    Expected<std::unique_ptr<registry::testing::LocalRegistry>> reg =
        registry::testing::LocalRegistry::Start();
    if (!reg.ok()) {
      std::fprintf(stderr, "%s: %s\n", label.c_str(), reg.status().message().c_str());
      throw BenchFailed();
    }
    std::string ref = (*reg)->host() + "/" + repo + ":1";
    ::sync();  // as in Time
    if (tool == Tool::kBuildah) {
      std::vector<std::string> argv =
          Buildah(root, {"push", "--tls-verify=false", "-q", "app", "docker://" + ref});
      return Timed(label + " push", [&] { return registry::testing::RunCommand(argv); });
    }
    if (tool == Tool::kBuildKit) {
      Untimed(label + " tag", dockerd_->Docker({"tag", "app", ref}));
      double ms = Timed(label + " push", [&] { return dockerd_->Docker({"push", "-q", ref}); });
      (void)dockerd_->Docker({"image", "rm", ref});
      return ms;
    }
    Untimed(label + " tag", h_.Mybuild({"tag", "--root", h_.Path(root), "app", ref}));
    return Timed(label + " push",
                 [&] { return h_.Mybuild({"push", "--root", h_.Path(root), ref}); });
  }

  BuildHarness& h_;
  PrivateDockerd* dockerd_;
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
      {"2 heavy stages", "stages", "app.txt", kTwoHeavyStagesAlone},
      {"20k files + 50 MB", "big", "src/d42/f7.txt"},
      {"RUN 300 MB random", "random", "app.txt", kRandomRunAlone},
      {"Debian, RUN rm", "debian", "app.txt"},
      {".dockerignore", "ignore", "src/m7.js"},
  };
  std::vector<CaseSpec> cases;
  for (const BenchCase& c : all) {
    bool wanted = argc <= 2;
    for (int i = 2; i < argc; ++i) wanted = wanted || c.dir == argv[i];
    if (wanted) cases.push_back({c, harness.base()});
  }
  Status st = WriteThirtyRuns(harness.Path("runs"), harness.base());
  if (st.ok()) st = WriteTwoHeavyStages(harness.Path("stages"), harness.base());
  if (st.ok()) st = WriteBigContext(harness.Path("big"), harness.base());
  if (st.ok()) st = WriteRandomRun(harness.Path("random"), harness.base());
  if (st.ok()) st = WriteIgnoredContext(harness.Path("ignore"), harness.base());
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 1;
  }
  for (auto it = cases.begin(); it != cases.end(); ++it) {
    if (it->c.dir != "debian") continue;
    std::string debian = PushDebianBase(harness);
    if (debian.empty() || !WriteDebianTrim(harness.Path("debian"), debian).ok()) {
      cases.erase(it);
    } else {
      it->base = debian;
    }
    break;
  }
  std::printf("%s\n\n", MeasureMachineLimits(harness.Path("limits"), harness.Path("big")).c_str());
  std::vector<Tool> tools = {Tool::kMybuild};
  if (registry::testing::ToolInstalled("buildah")) tools.push_back(Tool::kBuildah);
  Expected<std::unique_ptr<PrivateDockerd>> dockerd =
      PrivateDockerd::Start(harness.Path("dockerd"), harness.registry_host());
  if (dockerd.ok()) {
    tools.push_back(Tool::kBuildKit);
  } else {
    std::fprintf(stderr, "no BuildKit column: %s\n", dockerd.status().message().c_str());
  }
  Bench bench(harness, dockerd.ok() ? dockerd->get() : nullptr);
  PrintHeader(tools);
  for (const CaseSpec& s : cases) {
    // [tool][round] -> times, tools interleaved round by round.
    std::vector<std::vector<RoundTimes>> times(tools.size());
    for (int r = 0; r < rounds; ++r) {
      for (size_t t = 0; t < tools.size(); ++t) {
        std::string root = std::string(kToolNames[static_cast<int>(tools[t])]) + "-" +
                           s.c.dir + std::to_string(r);
        times[t].push_back(bench.Run(s, tools[t], root, r));
      }
    }
    PrintCase(s, tools, times);
  }
  return 0;
}

}  // namespace
}  // namespace mybuild::bench

int main(int argc, char** argv) {
  return mybuild::bench::RunBench(mybuild::bench::Main, argc, argv);
}
