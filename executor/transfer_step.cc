#include "executor/transfer_step.h"

#include "base/sha256.h"

namespace mybuild::executor {

TransferStep::TransferStep(Progress* progress, std::string name, Clock clock)
    : progress_(progress),
      clock_(clock ? std::move(clock) : [] { return std::chrono::steady_clock::now(); }),
      start_(clock_()) {
  if (!progress_) return;
  label_.id = progress_->NewId();
  label_.key = Sha256Hex(name);
  label_.text = std::move(name);
  progress_->Started(label_);
}

TransferStep::~TransferStep() { Finish(Status(ErrorCode::kCancelled, "cancelled")); }

void TransferStep::Report(const std::string& id, Item& item, int64_t current, int64_t total,
                          bool done) {
  item.completed = done;
  TransferStatus s{id, current, total, done};
  progress_->Transfer(label_, s);
}

void TransferStep::Bytes(const std::string& id, int64_t current, int64_t total, bool done) {
  if (!progress_) return;
  std::lock_guard lock(mu_);
  if (finished_) return;
  auto now = clock_();
  auto [it, fresh] = items_.try_emplace(id);
  Item& item = it->second;
  if (item.completed) return;
  if (!fresh && !done && now - item.last < kEvery) return;
  item.last = now;
  Report(id, item, current, total, done);
}

void TransferStep::Begin(const std::string& id) {
  if (!progress_) return;
  std::lock_guard lock(mu_);
  if (finished_) return;
  auto [it, fresh] = items_.try_emplace(id);
  if (!fresh) return;
  Report(id, it->second, 0, 0, false);
}

void TransferStep::Complete(const std::string& id) {
  if (!progress_) return;
  std::lock_guard lock(mu_);
  if (finished_) return;
  Item& item = items_[id];
  if (item.completed) return;
  Report(id, item, 0, 0, true);
}

void TransferStep::Finish(const Status& st) {
  if (!progress_) return;
  std::lock_guard lock(mu_);
  if (finished_) return;
  finished_ = true;
  if (st.ok()) {
    progress_->Done(label_, std::chrono::duration<double>(clock_() - start_).count());
  } else {
    progress_->Failed(label_, st.message());
  }
}

}  // namespace mybuild::executor
