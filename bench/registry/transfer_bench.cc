// Push and pull of a big image on loopback, side by side with skopeo
// (issue 10's goal: mybuild at most 0.7x skopeo's time). One image of
// LAYERS layers of 50 MB (default 6: 300 MB) of KIND content (random:
// incompressible; text: base64 of random bytes, gzip shrinks it to ~76 %) is
// built once into the store (files: a slice of a tar of this machine's /usr,
// real binaries and text, as a base image's layers are; gzip level 6 shrinks
// it to ~35 %), with two OCI layouts of the same layers: plain
// tars and gzip. Each round times, in an order that alternates, every tool
// against a registry of its own started empty for it (so nothing is found
// there, mounted or remembered by skopeo's blob-info cache):
//   push, gzip: mybuild push from a store whose gzip variants were removed
//     (so it gzips the plain tars, as a first push does) and skopeo copy
//     oci:TAR_LAYOUT docker://... (skopeo gzips them too);
//   push, gzipped: mybuild push again (variants reused) and skopeo copy
//     oci:GZIP_LAYOUT docker://... (both upload ready gzip blobs);
//   pull: mybuild pull into a fresh --root (which unpacks the layers, as
//     docker pull and podman pull do) and, of the image mybuild pushed (the
//     same blobs), skopeo copy docker://... oci:FRESH_DIR (the blobs only)
//     and skopeo copy docker://... containers-storage:[overlay@FRESH]...
//     (blobs unpacked into a fresh containers storage: podman pull's work);
//   copy: skopeo copy between two registries, for reference.
// Prints each variant's median and best wall time and its median CPU time
// (the tool's own, not the registry's, which both tools load alike), and
// mybuild's ratios.
// Needs root (the build), docker-registry and skopeo. Files are in the page
// cache for both tools (built just before).
//   bazel run -c opt //bench/registry:transfer_bench [-- ROUNDS [LAYERS [KIND]]]
// KIND: random (default), text or files.
#include <sys/resource.h>
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

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using registry::testing::LocalRegistry;

struct BenchFailed {};

// CPU seconds (user + system) of the children reaped so far.
double ChildCpu() {
  struct rusage u;
  ::getrusage(RUSAGE_CHILDREN, &u);
  auto sec = [](const timeval& tv) { return tv.tv_sec + tv.tv_usec / 1e6; };
  return sec(u.ru_utime) + sec(u.ru_stime);
}

// CPU seconds of the last Timed command (not the registry's).
double last_cpu = 0;

// Runs argv; its wall seconds. Ends the benchmark when it fails.
double Timed(const std::vector<std::string>& argv) {
  double cpu = ChildCpu();
  auto start = Clock::now();
  auto r = registry::testing::RunCommand(argv);
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  last_cpu = ChildCpu() - cpu;
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

// skopeo copy SRC DEST, without TLS (the registries are plain HTTP).
std::vector<std::string> Skopeo(const std::string& src, const std::string& dest) {
  return {"skopeo",          "--insecure-policy",        "copy", "-q", "--src-tls-verify=false",
          "--dest-tls-verify=false", src, dest};
}

int Main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 3;
  int layers = argc > 2 ? std::atoi(argv[2]) : 6;
  std::string kind = argc > 3 ? argv[3] : "random";
  if (kind != "random" && kind != "text" && kind != "files") {
    std::fprintf(stderr, "KIND is random, text or files\n");
    return 1;
  }
  if (::geteuid() != 0) {
    std::fprintf(stderr, "transfer_bench needs root\n");
    return 1;
  }
  const std::string mybuild = fs::absolute("cli/mybuild").string();
  TempDir dir = std::move(TempDir::Create()).value();
  auto p = [&](const std::string& rel) { return dir.path() + "/" + rel; };
  const std::string store = p("store");

  std::string dockerfile = "FROM scratch\n";
  for (int i = 0; i < layers; ++i) {
    std::string name = "blob" + std::to_string(i);
    std::string source = kind == "random" ? "head -c 52428800 /dev/urandom"
                         : kind == "text" ? "base64 -w 76 /dev/urandom | head -c 52428800"
                                          : "tar -cf - /usr 2>/dev/null | tail -c +" +
                                                std::to_string(i * 52428800L + 1) +
                                                " | head -c 52428800";
    Timed({"sh", "-c", "mkdir -p " + p("ctx") + " && " + source + " > " + p("ctx/" + name)});
    dockerfile += "COPY " + name + " /" + name + "\n";
  }
  if (!WriteFileAtomic(p("ctx/Dockerfile"), dockerfile).ok()) return 1;
  const std::string local = "localhost/big:1";
  Timed({mybuild, "build", "--progress", "quiet", "--root", store, "-t", local, "-o",
         "type=image", p("ctx")});
  Timed({mybuild, "build", "--progress", "quiet", "--root", store, "-o",
         "type=oci,dest=" + p("layout-tar") + ",compression=uncompressed", "-o",
         "type=oci,dest=" + p("layout-gz"), p("ctx")});
  // A first push starts again each round from a store with no gzip variant:
  // the blobs that variant records name are removed, with the records (the
  // plain tars stay; they were written from lazy layers by the export).
  auto forget_variants = [&] {
    const std::string variants = store + "/variants";
    if (fs::exists(variants)) {
      for (const auto& e : fs::recursive_directory_iterator(variants)) {
        if (!e.is_regular_file()) continue;
        Expected<std::string> d = ReadFile(e.path().string());
        if (!d.ok() || d->rfind("sha256:", 0) != 0) continue;
        fs::remove(store + "/blobs/sha256/" + d->substr(7));
        fs::remove(store + "/verified/" + d->substr(7));
      }
    }
    fs::remove_all(variants);
  };
  std::printf("image: %d layers of 50 MB %s bytes, %d rounds\n", layers, kind.c_str(), rounds);

  std::map<std::string, std::vector<double>> t, cpu;
  auto record = [&](const std::string& name, double wall) {
    t[name].push_back(wall);
    cpu[name].push_back(last_cpu);
  };
  for (int round = 0; round < rounds; ++round) {
    std::unique_ptr<LocalRegistry> mine = Registry();
    const std::string ref = mine->host() + "/big:1";
    auto mybuild_push = [&](const std::string& what, LocalRegistry& reg) {
      std::string to = reg.host() + "/big:1";
      Timed({mybuild, "tag", local, to, "--root", store});
      record(what + " mybuild", Timed({mybuild, "push", to, "--root", store}));
    };
    auto skopeo_push = [&](const std::string& what, const std::string& layout) {
      std::unique_ptr<LocalRegistry> reg = Registry();
      record(what + " skopeo",
             Timed(Skopeo("oci:" + p(layout), "docker://" + reg->host() + "/big:1")));
    };
    auto mybuild_pull = [&] {
      fs::remove_all(p("pulled"));
      record("pull mybuild", Timed({mybuild, "pull", ref, "--root", p("pulled")}));
      fs::remove_all(p("pulled"));
    };
    auto skopeo_pull = [&] {
      fs::remove_all(p("pulled-oci"));
      record("pull skopeo", Timed(Skopeo("docker://" + ref, "oci:" + p("pulled-oci") + ":big")));
      fs::remove_all(p("pulled-oci"));
    };
    // containers/storage leaves its overlay directory bind-mounted.
    auto remove_storage = [&] {
      (void)registry::testing::RunCommand({"umount", p("storage/graph/overlay")});
      fs::remove_all(p("storage"));
    };
    auto skopeo_unpack = [&] {
      remove_storage();
      record("pull skopeo, unpacked",
             Timed(Skopeo("docker://" + ref, "containers-storage:[overlay@" + p("storage/graph") +
                                                 "+" + p("storage/run") + "]big:1")));
      remove_storage();
    };
    std::unique_ptr<LocalRegistry> again = Registry();
    forget_variants();
    if (round % 2 == 0) {
      mybuild_push("push, gzip", *mine), skopeo_push("push, gzip", "layout-tar");
      mybuild_push("push, gzipped", *again), skopeo_push("push, gzipped", "layout-gz");
      mybuild_pull(), skopeo_pull(), skopeo_unpack();
    } else {
      skopeo_push("push, gzip", "layout-tar"), mybuild_push("push, gzip", *mine);
      skopeo_push("push, gzipped", "layout-gz"), mybuild_push("push, gzipped", *again);
      skopeo_unpack(), skopeo_pull(), mybuild_pull();
    }
    std::unique_ptr<LocalRegistry> other = Registry();
    record("copy skopeo (registry to registry)",
           Timed(Skopeo("docker://" + ref, "docker://" + other->host() + "/big:1")));
  }
  for (const auto& [name, v] : t) {
    std::printf("%-36s median %6.2f s  best %6.2f s  CPU (median) %6.2f s\n", name.c_str(),
                Median(v), *std::min_element(v.begin(), v.end()), Median(cpu[name]));
  }
  for (const char* what : {"push, gzip", "push, gzipped", "pull"}) {
    std::string m = std::string(what) + " mybuild", s = std::string(what) + " skopeo";
    std::printf("%-14s mybuild/skopeo = %.2fx (median wall), goal <= 0.7x; CPU %.2fx\n", what,
                Median(t[m]) / Median(t[s]), Median(cpu[m]) / Median(cpu[s]));
  }
  std::printf("%-14s mybuild/skopeo = %.2fx (median wall), goal <= 0.7x; CPU %.2fx\n",
              "pull, unpacked", Median(t["pull mybuild"]) / Median(t["pull skopeo, unpacked"]),
              Median(cpu["pull mybuild"]) / Median(cpu["pull skopeo, unpacked"]));
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
