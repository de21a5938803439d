// What the executor tells the user while it works. The executor owns this
// interface; cli/ implements it (plain lines, a terminal, or nothing).
#pragma once

#include <string>
#include <string_view>

namespace mybuild::executor {

struct StepLabel {
  int id = 0;         // unique in the build, in start order: #1, #2, ...
  std::string stage;  // the stage's name, or "stage-N" (BuildKit's); "" in a one-stage build
  int index = 0;      // 1-based position in its stage
  int count = 0;      // steps in the stage
  std::string text;   // the instruction, e.g. "RUN make"
  std::string key;    // the step's cache key (hex SHA-256): the same step has
                      // the same key in every build
};

class Progress {
 public:
  virtual ~Progress() = default;
  // Before the first step: how many steps the build shows (Started or
  // Cached will be called at most this many times).
  virtual void Planned(int steps) { (void)steps; }
  virtual void Started(const StepLabel& step) = 0;
  // The step's result came from the cache; no Output or Done follows.
  virtual void Cached(const StepLabel& step) = 0;
  virtual void Output(const StepLabel& step, std::string_view chunk) = 0;
  virtual void Done(const StepLabel& step, double seconds) = 0;
  // A started step failed with `error` (the build's error message); no Done
  // follows. Not called for steps stopped because another one failed.
  virtual void Failed(const StepLabel& step, std::string_view error) {
    (void)step;
    (void)error;
  }
  // Build-level news: pulls, pushes, the final image.
  virtual void Note(std::string_view message) = 0;
};

}  // namespace mybuild::executor
