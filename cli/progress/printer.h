// What every progress printer of `mybuild build` is: the executor's Progress
// plus the end of the build, which the executor does not see (exports and
// pushes come after it).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "executor/progress.h"

namespace mybuild::cli::progress {

// The wall clock, injected so that tests print fixed times and durations.
using Clock = std::function<std::chrono::system_clock::time_point()>;

class Printer : public executor::Progress {
 public:
  // The build is over: `ok` says whether it succeeded. A live view draws
  // its final frame; nothing is printed after this. Called at most once.
  virtual void Finish(bool ok) { (void)ok; }
};

// "[stage 2/3] RUN make", or "[2/3] RUN make" in a one-stage build: the
// step's name in every mode, as BuildKit names its vertexes; a transfer
// step (index 0) is its text alone.
std::string StepName(const executor::StepLabel& step);

// BuildKit's byte counts, in decimal units, two decimals at most: "0B",
// "512B", "12.3kB", "45.67MB", "1.2GB".
std::string ByteCount(int64_t bytes);

// A transfer item as BuildKit's plain output shows it, after "#N ":
//   sha256:<hex> 12.3MB / 45.6MB 0.4s       (bytes so far, then the total)
//   sha256:<hex> 45.6MB / 45.6MB 1.2s done  (the completed report)
//   pushing layers                           (an item without bytes)
// `seconds` since the item's first report is left out of that first one
// (`first`).
std::string TransferText(const executor::TransferStatus& t, double seconds, bool first);

// Appends `chunk` to `partial` and moves every complete line (without its
// "\n") out of it: what a step's output is shown as.
std::vector<std::string> TakeLines(std::string& partial, std::string_view chunk);

// "1.2s", BuildKit's duration (one decimal).
std::string Seconds(double seconds);

}  // namespace mybuild::cli::progress
