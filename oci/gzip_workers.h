// The threads behind ParallelGzip: blocks queued as jobs, compressed by
// whichever worker is free, and waited for one at a time by the owner.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"
#include "oci/gzip_block.h"

namespace mybuild::oci::internal {

// One block: its input and, once compressed, its gzip member.
struct GzipJob {
  std::string input;
  std::string output;
  Status status;      // the deflater's error, if any
  bool done = false;  // guarded by the workers' mutex once submitted
};

// Fills `job`'s output and status with `deflater` (whose own error,
// if it could not be created, becomes the job's).
void CompressJob(Expected<BlockDeflater>& deflater, GzipJob& job);

// `count` threads, each with its own deflater at `level`, compressing
// submitted jobs first come, first served.
class GzipWorkers {
 public:
  GzipWorkers(int count, int level);
  // Stops and joins the threads; queued jobs are left undone.
  ~GzipWorkers();
  GzipWorkers(const GzipWorkers&) = delete;
  GzipWorkers& operator=(const GzipWorkers&) = delete;

  void Submit(std::shared_ptr<GzipJob> job);
  // Whether a submitted job is compressed (its fields may then be read).
  bool Done(const GzipJob& job);
  // Blocks until a submitted job is compressed.
  void Wait(const GzipJob& job);

 private:
  void Loop(int level);

  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<std::shared_ptr<GzipJob>> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace mybuild::oci::internal
