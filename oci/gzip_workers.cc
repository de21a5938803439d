#include "oci/gzip_workers.h"

namespace mybuild::oci::internal {

void CompressJob(Expected<BlockDeflater>& deflater, GzipJob& job) {
  if (!deflater.ok()) {
    job.status = deflater.status();
    return;
  }
  job.status = deflater->Deflate(job.input, &job.output);
}

GzipWorkers::GzipWorkers(int count, int level) {
  for (int i = 0; i < count; ++i) {
    threads_.emplace_back([this, level] { Loop(level); });
  }
}

GzipWorkers::~GzipWorkers() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void GzipWorkers::Submit(std::shared_ptr<GzipJob> job) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(std::move(job));
  }
  work_cv_.notify_one();
}

bool GzipWorkers::Done(const GzipJob& job) {
  std::lock_guard lock(mu_);
  return job.done;
}

void GzipWorkers::Wait(const GzipJob& job) {
  std::unique_lock lock(mu_);
  done_cv_.wait(lock, [&] { return job.done; });
}

void GzipWorkers::Loop(int level) {
  Expected<BlockDeflater> deflater = BlockDeflater::Create(level);
  std::unique_lock lock(mu_);
  while (true) {
    work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    std::shared_ptr<GzipJob> job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    CompressJob(deflater, *job);
    lock.lock();
    job->done = true;
    done_cv_.notify_all();
  }
}

}  // namespace mybuild::oci::internal
