// A bounded fan-out (blob transfers, layer unpacks): a few tasks at a time,
// no new one started after the first failure.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "base/status.h"

namespace mybuild {

// Runs task(0) .. task(n-1) on up to `workers` threads (at least one). Once a
// task fails, no further task starts; tasks already running finish. Returns
// the failure of the lowest-numbered task that failed, so the answer does not
// depend on timing, or Ok.
Status RunParallel(size_t n, int workers,
                   const std::function<Status(size_t)>& task);

// RunParallel for tasks that are not all known at the start: each Add()ed
// task runs on one of `workers` threads (started by the first Add) while
// the caller goes on, e.g. uploading a layer while the next is compressed.
// Once a task fails, tasks not yet started are skipped. Finish() waits for
// every task and returns the failure of the earliest-added task that failed,
// or Ok. The destructor finishes too. No Add after Finish.
class WorkQueue {
 public:
  explicit WorkQueue(int workers) : workers_(workers < 1 ? 1 : workers) {}
  ~WorkQueue() { (void)Finish(); }
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  void Add(std::function<Status()> task);
  // True once a task has failed (later ones are skipped).
  bool failed();
  Status Finish();

 private:
  void Work();

  const int workers_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::pair<size_t, std::function<Status()>>> pending_;
  std::vector<std::thread> threads_;
  std::vector<Status> results_;
  size_t added_ = 0;
  bool closing_ = false;
  bool failed_ = false;
};

}  // namespace mybuild
