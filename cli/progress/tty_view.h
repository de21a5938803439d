// The model and the drawing of --progress=tty, BuildKit's live view:
//   [+] Building 4.2s (2/6)
//    => [base 1/2] COPY a /a                                   0.1s
//    => CACHED [app 1/3] RUN make deps                          0.0s
//    => [app 2/3] RUN make                                      1.3s
//    => => # cc -c main.c
//    => [base 2/2] RUN test                                     0.8s
// A line per step and note in the order they came, each running step with
// its own clock, the last lines of a running step's output under it; under
// a running transfer step its items, with bytes and rate:
//    => FROM docker.io/library/busybox@sha256:3fbc6...              0.6s
//    => => sha256:9ad63333ebc9 1.2MB / 2.22MB 3.1MB/s              0.4s
// The
// final frame says FINISHED or FAILED and adds
//   Built in 4.2s: 3 steps run, 1 cached
// Pure: it is told the time, and TtyPrinter (tty_printer.h) draws it.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "executor/progress.h"

namespace mybuild::cli::progress {

class TtyView {
 public:
  using Time = std::chrono::system_clock::time_point;
  // Lines of a running step's output that are shown.
  static constexpr size_t kLogLines = 6;

  explicit TtyView(Time start) : start_(start) {}

  void Planned(int steps) { planned_ = steps; }
  void Started(const executor::StepLabel& s, Time now);
  void Cached(const executor::StepLabel& s, Time now);
  void Output(const executor::StepLabel& s, std::string_view chunk);
  void Done(const executor::StepLabel& s, Time now);
  void Failed(const executor::StepLabel& s, Time now);
  void Transfer(const executor::StepLabel& s, const executor::TransferStatus& t, Time now);
  void Note(std::string_view message);
  void Finish(bool ok, Time now);

  // The frame at `now`: no line longer than `width` columns (colour codes
  // aside), at most `height` lines; when more would be needed the oldest
  // finished lines are left out (then the oldest output lines). The header
  // always stays. A finished view is drawn whole whatever `height`.
  std::vector<std::string> Render(Time now, int width, int height, bool color) const;

  bool finished() const { return finished_; }
  // Whether any step is running (its clock then moves).
  bool running() const;

 private:
  enum class State { kRunning, kDone, kCached, kFailed, kNote };
  struct Item {  // of a transfer step
    executor::TransferStatus status;
    Time start, last;
  };
  struct Entry {
    State state;
    std::string text;  // the step's name, or the note
    Time start, end;
    std::deque<std::string> logs;  // the last kLogLines lines of output
    std::string partial;           // output after its last "\n"
    std::vector<Item> items;       // a transfer's, in the order they came
    bool transfer = false;         // a transfer step (not counted as run)
  };
  std::vector<std::string> ItemLines(const Entry& e, Time now, int width) const;
  Entry* Step(const executor::StepLabel& s, Time now);
  std::vector<std::string> Block(const Entry& e, Time now, int width, bool color) const;
  std::string Header(Time now) const;

  Time start_, end_;
  int planned_ = 0;
  bool finished_ = false, ok_ = false;
  std::vector<Entry> entries_;
  std::map<int, size_t> by_id_;  // step id -> its entry
};

// `left`, spaces, `right` in exactly `width` columns (bytes; UTF-8
// sequences are not split); `left` is cut when both do not fit.
std::string FitLine(std::string_view left, std::string_view right, int width);

}  // namespace mybuild::cli::progress
