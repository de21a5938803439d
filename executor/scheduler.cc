#include "executor/scheduler.h"

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace mybuild::executor {
namespace {

class Scheduler {
 public:
  Scheduler(const TaskGraph& g, const std::function<Status(int)>& run,
            const std::function<void()>& cancel)
      : run_(run), cancel_(cancel) {
    int n = 0;
    for (int t : g.tasks) n = std::max(n, t + 1);
    waiting_on_.assign(n, 0);
    dependents_.assign(n, {});
    std::vector<bool> wanted(n, false);
    for (int t : g.tasks) wanted[t] = true;
    for (size_t pos = 0; pos < g.tasks.size(); ++pos) {
      int t = g.tasks[pos];
      rank_[t] = static_cast<int>(pos);
      for (int d : t < static_cast<int>(g.deps.size()) ? g.deps[t] : std::vector<int>{}) {
        if (d < n && wanted[d]) {
          ++waiting_on_[t];
          dependents_[d].push_back(t);
        }
      }
    }
    for (int t : g.tasks) {
      if (waiting_on_[t] == 0) ready_.insert({rank_[t], t});
    }
    left_ = static_cast<int>(g.tasks.size());
  }

  void Worker() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return !ready_.empty() || left_ == 0 || failed_; });
      if (failed_ || ready_.empty()) return;  // done, or stopped by a failure
      int t = ready_.begin()->second;
      ready_.erase(ready_.begin());
      lock.unlock();
      Status st = run_(t);
      lock.lock();
      --left_;
      if (!st.ok() && !failed_) {
        failed_ = true;
        first_ = st;
        lock.unlock();
        cancel_();
        lock.lock();
      }
      for (int d : dependents_[t]) {
        if (--waiting_on_[d] == 0) ready_.insert({rank_[d], d});
      }
      cv_.notify_all();
    }
  }

  Status result() const { return first_; }

 private:
  const std::function<Status(int)>& run_;
  const std::function<void()>& cancel_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<int> waiting_on_;
  std::vector<std::vector<int>> dependents_;
  std::map<int, int> rank_;
  std::set<std::pair<int, int>> ready_;  // (rank, task)
  int left_ = 0;
  bool failed_ = false;
  Status first_;
};

}  // namespace

Status RunTaskGraph(const TaskGraph& graph, int jobs,
                    const std::function<Status(int)>& run,
                    const std::function<void()>& cancel) {
  if (graph.tasks.empty()) return Status::Ok();
  Scheduler s(graph, run, cancel);
  int n = std::max(1, std::min<int>(jobs, static_cast<int>(graph.tasks.size())));
  if (n == 1) {
    s.Worker();  // no thread for a single lane
    return s.result();
  }
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) threads.emplace_back([&s] { s.Worker(); });
  for (std::thread& t : threads) t.join();
  return s.result();
}

}  // namespace mybuild::executor
