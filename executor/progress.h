// What the executor tells the user while it works. The executor owns this
// interface; cli/ implements it (plain lines, a terminal, or nothing).
#pragma once

#include <string>
#include <string_view>

namespace mybuild::executor {

struct StepLabel {
  int id = 0;         // unique in the build, in start order: #1, #2, ...
  std::string stage;  // the stage's name or index, e.g. "builder" or "1"
  int index = 0;      // 1-based position in its stage
  int count = 0;      // steps in the stage
  std::string text;   // the instruction, e.g. "RUN make"
};

class Progress {
 public:
  virtual ~Progress() = default;
  virtual void Started(const StepLabel& step) = 0;
  // The step's result came from the cache; no Output or Done follows.
  virtual void Cached(const StepLabel& step) = 0;
  virtual void Output(const StepLabel& step, std::string_view chunk) = 0;
  virtual void Done(const StepLabel& step, double seconds) = 0;
  // Build-level news: pulls, pushes, the final image.
  virtual void Note(std::string_view message) = 0;
};

}  // namespace mybuild::executor
