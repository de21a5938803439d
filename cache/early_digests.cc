#include "cache/early_digests.h"

namespace mybuild::cache {

EarlyDigests::~EarlyDigests() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  stopping_.store(true);
  if (thread_.joinable()) thread_.join();
}

void EarlyDigests::Start(std::vector<std::vector<std::string>> lists) {
  std::vector<std::vector<std::string>> todo;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (std::vector<std::string>& l : lists) {
      if (early_.emplace(l, std::nullopt).second) todo.push_back(std::move(l));
    }
  }
  if (todo.empty()) return;
  thread_ = std::thread([this, todo = std::move(todo)]() mutable { Run(std::move(todo)); });
}

void EarlyDigests::Run(std::vector<std::vector<std::string>> lists) {
  for (const std::vector<std::string>& sources : lists) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stop_) break;
    }
    Expected<std::string> digest = inner_.Digest(sources, stopping_);
    std::lock_guard<std::mutex> lock(mu_);
    early_[sources] = std::move(digest);
    done_.notify_all();
  }
  // Lists never started (stopped) are answered by the inner digester.
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = early_.begin(); it != early_.end();) {
    it = it->second ? std::next(it) : early_.erase(it);
  }
  done_.notify_all();
}

Expected<std::string> EarlyDigests::Digest(const std::vector<std::string>& sources) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [&] {
      auto it = early_.find(sources);
      return it == early_.end() || it->second.has_value();
    });
    auto it = early_.find(sources);
    if (it != early_.end()) {
      ++answered_;
      return *it->second;
    }
  }
  return inner_.Digest(sources);
}

int EarlyDigests::answered() const {
  std::lock_guard<std::mutex> lock(mu_);
  return answered_;
}

}  // namespace mybuild::cache
