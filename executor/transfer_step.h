// A transfer (a pull, a push, a cache's blobs) shown as a step of its own,
// as BuildKit shows a FROM's blobs: numbered, started at once, each item's
// bytes reported at most every 100 ms (its first and completed reports
// always), then done or failed. The callbacks come from the transfer's own
// threads; this keeps the reports few, so progress costs nothing a build
// could measure.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "base/status.h"
#include "executor/progress.h"

namespace mybuild::executor {

class TransferStep {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  static constexpr auto kEvery = std::chrono::milliseconds(100);

  // Starts the step `name` on `progress` (no step at all when null).
  // `clock` is steady_clock::now in production.
  TransferStep(Progress* progress, std::string name, Clock clock = nullptr);
  // Failed ("cancelled") when Finish was not called: an early return.
  ~TransferStep();
  TransferStep(const TransferStep&) = delete;
  TransferStep& operator=(const TransferStep&) = delete;

  // `current` of `total` bytes of item `id` have moved; `done` on its
  // last report. Thread-safe.
  void Bytes(const std::string& id, int64_t current, int64_t total, bool done);
  // An item without bytes (a phase): begun, then completed.
  void Begin(const std::string& id);
  void Complete(const std::string& id);
  // Done (ok) or Failed with `st`'s message; later calls do nothing.
  void Finish(const Status& st);

  const StepLabel& label() const { return label_; }

 private:
  struct Item {
    std::chrono::steady_clock::time_point last;
    bool completed = false;
  };
  void Report(const std::string& id, Item& item, int64_t current, int64_t total, bool done);

  Progress* progress_;
  Clock clock_;
  StepLabel label_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mu_;
  std::map<std::string, Item> items_;
  bool finished_ = false;
};

}  // namespace mybuild::executor
