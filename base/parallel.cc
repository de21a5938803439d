#include "base/parallel.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace mybuild {

Status RunParallel(size_t n, int workers,
                   const std::function<Status(size_t)>& task) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mu;
  std::vector<Status> results(n);
  auto work = [&] {
    for (;;) {
      size_t i = next.fetch_add(1);
      if (i >= n || failed.load()) return;
      Status st = task(i);
      if (!st.ok()) {
        std::lock_guard<std::mutex> lock(mu);
        results[i] = std::move(st);
        failed = true;
      }
    }
  };
  size_t count = std::min<size_t>(n, static_cast<size_t>(std::max(1, workers)));
  std::vector<std::thread> threads;
  for (size_t t = 1; t < count; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  for (auto& st : results) {
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace mybuild

namespace mybuild {

void WorkQueue::Add(std::function<Status()> task) {
  std::lock_guard<std::mutex> lock(mu_);
  results_.emplace_back();
  pending_.emplace_back(added_++, std::move(task));
  if (threads_.size() < static_cast<size_t>(workers_)) {
    threads_.emplace_back([this] { Work(); });
  }
  ready_.notify_one();
}

bool WorkQueue::failed() {
  std::lock_guard<std::mutex> lock(mu_);
  return failed_;
}

void WorkQueue::Work() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    ready_.wait(lock, [this] { return closing_ || !pending_.empty(); });
    if (pending_.empty()) return;  // closing, nothing left
    auto [index, task] = std::move(pending_.front());
    pending_.pop_front();
    if (failed_) continue;
    lock.unlock();
    Status st = task();
    lock.lock();
    if (!st.ok()) {
      results_[index] = std::move(st);
      failed_ = true;
    }
  }
}

Status WorkQueue::Finish() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
    threads.swap(threads_);
  }
  ready_.notify_all();
  for (auto& t : threads) t.join();
  std::lock_guard<std::mutex> lock(mu_);
  for (Status& st : results_) {
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace mybuild
