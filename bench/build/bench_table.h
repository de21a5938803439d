// build_bench's table: the rounds and tools it times, what one round of one
// tool measured, and the rows printed for a case (medians, mybuild's ratio
// to the best peer, its own time outside the steps, its peak RSS).
#pragma once

#include <string>
#include <vector>

#include "bench/build/bench_cases.h"

namespace mybuild::bench {

enum Round { kCold, kColdEmpty, kNoop, kEdit, kPush, kBuildPush, kRoundCount };
inline const char* const kRounds[] = {"cold", "cold empty", "no-op", "edit", "push", "build+push"};

enum class Tool { kMybuild, kBuildah, kBuildKit };
inline const char* const kToolNames[] = {"mybuild", "buildah", "buildkit"};

struct CaseSpec {
  BenchCase c;
  std::string base;  // the image its FROM names
};

// One round of one tool: milliseconds per Round, and for mybuild its own
// overhead in the cold and edit builds and its peak RSS.
struct RoundTimes {
  double ms[kRoundCount] = {};
  double own_cold = 0, own_edit = 0, rss_mb = 0;
  double alone = 0;  // the case's RUN commands without a builder
};

// The column titles, mybuild's first.
void PrintHeader(const std::vector<Tool>& tools);

// A row per round of `s` (times[tool][round]), then "RUNs alone" when the
// case has them.
void PrintCase(const CaseSpec& s, const std::vector<Tool>& tools,
               const std::vector<std::vector<RoundTimes>>& times);

}  // namespace mybuild::bench
