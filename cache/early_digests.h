// Context digests started before the planner asks for them. On a fresh
// runner the planner resolves a base image (registry round trips) before
// it reaches the first COPY and hashes its sources (20,000 files: most of
// the time to the first reused step); started early, the hash overlaps
// those round trips. A digest asked for exactly the sources of one started
// early is that one's result; any other is the inner digester's, as
// before, so the keys are the same either way.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cache/context_digester.h"
#include "planner/resolvers.h"

namespace mybuild::cache {

class EarlyDigests : public planner::SourceDigester {
 public:
  // `inner` must outlive this object.
  explicit EarlyDigests(ContextDigester& inner) : inner_(inner) {}
  // Stops the digest being taken (its file walk and reads give up) and
  // waits for that; skips those not started yet.
  ~EarlyDigests() override;
  EarlyDigests(const EarlyDigests&) = delete;
  EarlyDigests& operator=(const EarlyDigests&) = delete;

  // Digests each of `lists` (COPY sources, as the planner will ask for
  // them), one after another in this order, on a thread of its own; a
  // list given twice is digested once. Called at most once.
  void Start(std::vector<std::vector<std::string>> lists);

  // The early digest of exactly `sources`, once it is done (an error
  // too: the same the planner would get), else inner.Digest(sources).
  Expected<std::string> Digest(const std::vector<std::string>& sources) override;
  Expected<std::string> DigestPath(const std::string& path) override {
    return inner_.DigestPath(path);
  }

  // How many Digest calls an early digest answered (tests).
  int answered() const;

 private:
  void Run(std::vector<std::vector<std::string>> lists);

  ContextDigester& inner_;
  mutable std::mutex mu_;
  std::condition_variable done_;
  // Every list started, and its result once there.
  std::map<std::vector<std::string>, std::optional<Expected<std::string>>> early_;
  bool stop_ = false;
  std::atomic<bool> stopping_{false};  // stop_, for the digest under way
  int answered_ = 0;
  std::thread thread_;
};

}  // namespace mybuild::cache
