#include "oci/parallel_gzip.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "oci/gzip_block.h"
#include "oci/gzip_workers.h"

namespace mybuild::oci {

using internal::BlockDeflater;
using internal::CompressJob;
using internal::GzipJob;
using internal::GzipWorkers;

struct ParallelGzip::Impl {
  ParallelGzipOptions options;
  Output output;
  std::string pending;  // the block being filled
  std::deque<std::shared_ptr<GzipJob>> in_flight;  // in input order
  std::unique_ptr<GzipWorkers> workers;  // started by the first full block
  std::optional<Expected<BlockDeflater>> own_deflater;  // calling thread's
  std::vector<std::string> spare;  // emitted blocks' buffers, for reuse
  bool finished = false;
  Status error;

  Status Dispatch(bool last);
  Status Drain(size_t keep);
  Status Emit(GzipJob& job);
};

Status ParallelGzip::Impl::Dispatch(bool last) {
  auto job = std::make_shared<GzipJob>();
  job->input = std::move(pending);
  pending.clear();
  if (!spare.empty()) {
    pending = std::move(spare.back());
    spare.pop_back();
  }
  pending.reserve(options.block_size);
  in_flight.push_back(job);
  if (options.threads == 1 || (last && !workers)) {
    if (!own_deflater) own_deflater = BlockDeflater::Create(options.level);
    CompressJob(*own_deflater, *job);
    job->done = true;
  } else {
    if (!workers)
      workers = std::make_unique<GzipWorkers>(options.threads, options.level);
    workers->Submit(job);
  }
  return Drain(last ? 0 : 2 * static_cast<size_t>(options.threads) - 1);
}

// Emits finished blocks from the front, waiting while more than `keep`
// are in flight.
Status ParallelGzip::Impl::Drain(size_t keep) {
  while (!in_flight.empty()) {
    GzipJob& front = *in_flight.front();
    if (workers) {
      if (in_flight.size() > keep) {
        workers->Wait(front);
      } else if (!workers->Done(front)) {
        break;
      }
    }
    RETURN_IF_ERROR(Emit(front));
    in_flight.pop_front();
  }
  return Status::Ok();
}

Status ParallelGzip::Impl::Emit(GzipJob& job) {
  RETURN_IF_ERROR(job.status);
  RETURN_IF_ERROR(output(job.output));
  job.input.clear();
  spare.push_back(std::move(job.input));
  return Status::Ok();
}

ParallelGzip::ParallelGzip(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}
ParallelGzip::ParallelGzip(ParallelGzip&&) noexcept = default;
ParallelGzip& ParallelGzip::operator=(ParallelGzip&&) noexcept = default;
ParallelGzip::~ParallelGzip() = default;

Expected<ParallelGzip> ParallelGzip::Create(ParallelGzipOptions options,
                                            Output output) {
  if (options.level < 1 || options.level > 9) {
    return InvalidArgument("gzip level " + std::to_string(options.level) +
                           " is not between 1 and 9");
  }
  if (options.block_size < 4096 || options.block_size > (64u << 20)) {
    return InvalidArgument("gzip block size " +
                           std::to_string(options.block_size) +
                           " is not between 4 KiB and 64 MiB");
  }
  if (options.threads <= 0) {
    options.threads = static_cast<int>(std::thread::hardware_concurrency());
  }
  options.threads = std::clamp(options.threads, 1, 64);
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->output = std::move(output);
  impl->pending.reserve(options.block_size);
  return ParallelGzip(std::move(impl));
}

Status ParallelGzip::Write(const void* data, size_t size) {
  Impl& s = *impl_;
  RETURN_IF_ERROR(s.error);
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    // A full block waits for one more byte: only then is it known not to
    // be the last (a stream of one block is compressed on this thread).
    if (s.pending.size() == s.options.block_size) {
      s.error = s.Dispatch(false);
      RETURN_IF_ERROR(s.error);
    }
    size_t n = std::min(size, s.options.block_size - s.pending.size());
    s.pending.append(p, n);
    p += n;
    size -= n;
  }
  return Status::Ok();
}

Status ParallelGzip::Finish() {
  Impl& s = *impl_;
  if (s.finished) return Internal("ParallelGzip::Finish called twice");
  s.finished = true;
  RETURN_IF_ERROR(s.error);
  s.error = s.Dispatch(true);
  return s.error;
}

}  // namespace mybuild::oci
