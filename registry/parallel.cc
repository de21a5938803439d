#include "registry/parallel.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace mybuild::registry {

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

}  // namespace mybuild::registry
