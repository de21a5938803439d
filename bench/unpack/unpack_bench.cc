// Base unpack against GNU tar: `unpack_bench LAYER [ROUNDS]` unpacks LAYER
// ROUNDS times (default 5) with each, alternating, into a new directory
// beside LAYER (the same disk), dropping it between rounds (untimed), and
// prints the median wall time of each and mybuild's ratio to tar.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "base/fd.h"
#include "oci/unpack.h"

namespace mybuild::bench {
namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Seconds `run` took on an empty `dir`, which is removed afterwards.
double TimeInto(const std::string& dir,
                const std::function<bool(const std::string&)>& run) {
  if (!MakeDirs(dir).ok()) std::exit(2);
  auto start = std::chrono::steady_clock::now();
  bool ok = run(dir);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                           start).count();
  if (!ok || !RemoveAll(dir).ok()) std::exit(2);
  return s;
}

bool ViaMybuild(const std::string& layer, const std::string& dir) {
  Status st = oci::UnpackLayer(layer, dir, oci::UnpackMode::kApply);
  if (!st.ok()) std::fprintf(stderr, "mybuild: %s\n", st.message().c_str());
  return st.ok();
}

bool ViaTar(const std::string& layer, const std::string& dir) {
  std::string cmd = "tar --same-owner -xpf '" + layer + "' -C '" + dir + "'";
  int rc = std::system(cmd.c_str());
  if (rc != 0) std::fprintf(stderr, "tar failed: %d\n", rc);
  return rc == 0;
}

}  // namespace
}  // namespace mybuild::bench

int main(int argc, char** argv) {
  using namespace mybuild::bench;
  if (argc < 2) {
    std::fprintf(stderr, "usage: unpack_bench LAYER [ROUNDS]\n");
    return 2;
  }
  std::string layer = argv[1];
  int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  std::string dir = layer + ".unpack-bench";
  std::vector<double> ours, tar;
  for (int i = 0; i < rounds; i++) {
    ::sync();
    ours.push_back(TimeInto(dir, [&](auto& d) { return ViaMybuild(layer, d); }));
    ::sync();
    tar.push_back(TimeInto(dir, [&](auto& d) { return ViaTar(layer, d); }));
  }
  double m = Median(ours), t = Median(tar);
  std::printf("unpack %s, median of %d: mybuild %.3f s, tar %.3f s, %.2fx\n",
              layer.c_str(), rounds, m, t, m / t);
  return 0;
}
