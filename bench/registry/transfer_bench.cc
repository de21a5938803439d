// Push and pull of a big image on loopback, side by side with skopeo
// (issue 10's goal: mybuild at most 0.7x skopeo's time). One image of
// LAYERS layers of 50 MB of random bytes (default 6: 300 MB) is built once,
// into the store and as an OCI layout holding the same blobs. Each round
// then starts a fresh docker-registry (so neither tool finds a blob already
// there or mounts one it remembers) and times, in an order that alternates:
//   push: mybuild push (store -> registry) and skopeo copy oci:LAYOUT
//         docker://REGISTRY (layout -> registry);
//   pull: mybuild pull into a fresh --root and skopeo copy docker://REGISTRY
//         oci:FRESH_DIR;
//   copy: skopeo copy between two registries (for reference).
// Prints each variant's median and best wall time and mybuild's ratios.
// Needs root (the build), docker-registry and skopeo.
//   bazel run -c opt //bench/registry:transfer_bench [-- ROUNDS [LAYERS]]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "registry/testing/local_registry.h"
#include "registry/testing/subprocess.h"

namespace mybuild::bench {
namespace {

using Clock = std::chrono::steady_clock;
using registry::testing::LocalRegistry;

struct BenchFailed {};

// Runs argv; its wall seconds. Ends the benchmark when it fails.
double Timed(const std::vector<std::string>& argv) {
  auto start = Clock::now();
  auto r = registry::testing::RunCommand(argv);
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  if (!r.ok() || r->exit_code != 0) {
    std::fprintf(stderr, "%s failed:\n%s\n", argv[0].c_str(),
                 r.ok() ? r->output.c_str() : r.status().message().c_str());
    throw BenchFailed();
  }
  return s;
}

std::unique_ptr<LocalRegistry> Registry() {
  auto reg = LocalRegistry::Start();
  if (!reg.ok()) {
    std::fprintf(stderr, "%s\n", reg.status().message().c_str());
    throw BenchFailed();
  }
  return std::move(*reg);
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int Main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 3;
  int layers = argc > 2 ? std::atoi(argv[2]) : 6;
  if (::geteuid() != 0) {
    std::fprintf(stderr, "transfer_bench needs root\n");
    return 1;
  }
  const std::string mybuild = std::filesystem::absolute("cli/mybuild").string();
  TempDir dir = std::move(TempDir::Create()).value();
  auto p = [&](const std::string& rel) { return dir.path() + "/" + rel; };
  const std::string store = p("store");

  std::string dockerfile = "FROM scratch\n";
  for (int i = 0; i < layers; ++i) {
    std::string name = "blob" + std::to_string(i);
    Timed({"sh", "-c", "mkdir -p " + p("ctx") + " && head -c 52428800 /dev/urandom > " +
                           p("ctx/" + name)});
    dockerfile += "COPY " + name + " /" + name + "\n";
  }
  if (!WriteFileAtomic(p("ctx/Dockerfile"), dockerfile).ok()) return 1;
  const std::string local = "localhost/big:1";
  Timed({mybuild, "build", "--progress", "quiet", "--root", store, "-t", local, "-o",
         "type=image", "-o", "type=oci,dest=" + p("layout"), p("ctx")});
  std::printf("image: %d layers of 50 MB random bytes, %d rounds\n", layers, rounds);

  std::map<std::string, std::vector<double>> t;
  for (int round = 0; round < rounds; ++round) {
    std::unique_ptr<LocalRegistry> reg = Registry();
    const std::string ref = reg->host() + "/big:1";
    auto mybuild_push = [&] {
      Timed({mybuild, "tag", local, ref, "--root", store});
      t["push mybuild"].push_back(Timed({mybuild, "push", ref, "--root", store}));
    };
    auto skopeo_push = [&] {
      t["push skopeo"].push_back(Timed({"skopeo", "--insecure-policy", "copy", "-q",
                                        "--dest-tls-verify=false", "oci:" + p("layout"),
                                        "docker://" + reg->host() + "/theirs:1"}));
    };
    auto mybuild_pull = [&] {
      std::filesystem::remove_all(p("pulled"));
      t["pull mybuild"].push_back(Timed({mybuild, "pull", ref, "--root", p("pulled")}));
    };
    auto skopeo_pull = [&] {
      std::filesystem::remove_all(p("pulled-oci"));
      t["pull skopeo"].push_back(Timed({"skopeo", "--insecure-policy", "copy", "-q",
                                        "--src-tls-verify=false", "docker://" + ref,
                                        "oci:" + p("pulled-oci") + ":big"}));
    };
    if (round % 2 == 0) {
      mybuild_push(), skopeo_push(), mybuild_pull(), skopeo_pull();
    } else {
      skopeo_push(), mybuild_push(), skopeo_pull(), mybuild_pull();
    }
    std::unique_ptr<LocalRegistry> other = Registry();
    t["copy skopeo (registry to registry)"].push_back(
        Timed({"skopeo", "--insecure-policy", "copy", "-q", "--src-tls-verify=false",
               "--dest-tls-verify=false", "docker://" + ref,
               "docker://" + other->host() + "/big:1"}));
    std::filesystem::remove_all(p("pulled"));
    std::filesystem::remove_all(p("pulled-oci"));
  }
  for (const auto& [name, v] : t) {
    std::printf("%-36s median %6.2f s  best %6.2f s\n", name.c_str(), Median(v),
                *std::min_element(v.begin(), v.end()));
  }
  for (const char* what : {"push", "pull"}) {
    std::string m = std::string(what) + " mybuild", s = std::string(what) + " skopeo";
    std::printf("%s: mybuild/skopeo = %.2fx (median), goal <= 0.7x\n", what,
                Median(t[m]) / Median(t[s]));
  }
  return 0;
}

}  // namespace
}  // namespace mybuild::bench

int main(int argc, char** argv) {
  try {
    return mybuild::bench::Main(argc, argv);
  } catch (const mybuild::bench::BenchFailed&) {
    return 1;  // the registries stopped as the stack unwound
  }
}
