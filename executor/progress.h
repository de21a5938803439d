// What the executor tells the user while it works. The executor owns this
// interface; cli/ implements it (plain lines, a terminal, or nothing).
#pragma once

#include <atomic>
#include <cstdint>
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
// A transfer (a pull, a push, a cache's blobs) is shown as a step too: its
// label has index 0 and no stage, `text` is its whole name ("FROM
// docker.io/library/busybox@sha256:...", "pushing r.example/app:1") and
// `key` the hex SHA-256 of `text`.

// How far one item of a transfer step has come (BuildKit's VertexStatus):
// a blob ("sha256:<hex>", with bytes) or a phase ("pushing layers",
// "pushing manifest for r/app:1@sha256:...", no bytes).
struct TransferStatus {
  std::string id;
  int64_t current = 0;  // bytes moved so far
  int64_t total = 0;    // bytes in all; 0 when unknown or not bytes
  bool completed = false;  // its last report
};

class Progress {
 public:
  virtual ~Progress() = default;
  // Before the first step: how many Dockerfile steps the build shows
  // (Started or Cached are called at most this many times for them;
  // transfer steps come on top).
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
  // A report on an item of a started transfer step, between its Started and
  // its Done or Failed (the first of an item is when it began: printers
  // time the item from it): one when the item begins, then at
  // most every 100 ms while it moves, and the completed one (TransferStep,
  // executor/transfer_step.h, limits the rate).
  virtual void Transfer(const StepLabel& step, const TransferStatus& status) {
    (void)step;
    (void)status;
  }
  // Build-level news: the final image, names, exports.
  virtual void Note(std::string_view message) = 0;

  // A fresh step number (StepLabel::id) for a Dockerfile step or a
  // transfer: 1, 2, ... in the order asked, from any thread.
  int NewId() { return ++last_id_; }

 private:
  std::atomic<int> last_id_{0};
};

}  // namespace mybuild::executor
