#include "bench/build/bench_table.h"

#include <algorithm>
#include <cstdio>

namespace mybuild::bench {
namespace {

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

void PrintHeader(const std::vector<Tool>& tools) {
  std::printf("%-20s %-10s", "case", "round");
  for (Tool t : tools) std::printf(" %8s ms", kToolNames[static_cast<int>(t)]);
  std::printf(" %10s %9s %8s\n", "vs best", "own ms", "RSS MB");
}

void PrintCase(const CaseSpec& s, const std::vector<Tool>& tools,
               const std::vector<std::vector<RoundTimes>>& times) {
  std::vector<double> own_cold, own_edit;
  double rss = 0;
  for (const RoundTimes& t : times[0]) {
    own_cold.push_back(t.own_cold);
    own_edit.push_back(t.own_edit);
    rss = std::max(rss, t.rss_mb);
  }
  for (int i = 0; i < kRoundCount; ++i) {
    std::printf("%-20s %-10s", i == 0 ? s.c.name.c_str() : "", kRounds[i]);
    double mine = 0, best = 0;  // best: the fastest peer
    for (size_t t = 0; t < tools.size(); ++t) {
      std::vector<double> v;
      for (const RoundTimes& r : times[t]) v.push_back(r.ms[i]);
      double m = Median(v);
      std::printf(" %11.0f", m);
      if (t == 0) {
        mine = m;
      } else if (best == 0 || m < best) {
        best = m;
      }
    }
    if (best > 0) {
      std::printf(" %9.3fx", mine / best);
    } else {
      std::printf(" %10s", "-");
    }
    if (i == kCold) std::printf(" %9.0f", Median(own_cold));
    if (i == kEdit) std::printf(" %9.0f", Median(own_edit));
    if (i == kColdEmpty) std::printf(" %9s %8.0f", "", rss);
    std::printf("\n");
  }
  if (!s.c.alone.empty()) {
    std::vector<double> alone, cold;
    for (const RoundTimes& r : times[0]) {
      alone.push_back(r.alone);
      cold.push_back(r.ms[kCold]);
    }
    std::printf("%-20s %-10s %11.0f   (mybuild cold = %.3fx of its RUNs alone)\n", "",
                "RUNs alone", Median(alone), Median(cold) / Median(alone));
  }
  std::fflush(stdout);
}

}  // namespace mybuild::bench
