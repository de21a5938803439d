// Bounded retries for flaky registries: a Transport decorator that re-sends
// a request after a connection failure, a 429 or a 500/502/503/504, waiting
// with exponential backoff and jitter (or the server's Retry-After), and
// never retries other answers (400, 401, 403, 404, 501, ...). Attempts and
// total time are bounded. The wait is injectable so tests do not sleep.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "registry/http.h"

namespace mybuild::registry {

struct RetryPolicy {
  int max_attempts = 5;  // total sends, the first included
  std::chrono::milliseconds initial_backoff{250};
  std::chrono::milliseconds max_backoff{8000};
  // A Retry-After longer than this is cut to it.
  std::chrono::milliseconds max_retry_after{60000};
  // Up to this fraction of each backoff is taken off at random, so that
  // parallel uploads do not retry in step.
  double jitter = 0.5;
  // No re-send starts (waits included) later than this after the first.
  std::chrono::milliseconds max_total{300000};
};

// Set on a 429/5xx response returned after more than one attempt, so
// DescribeError can say "(after N attempts)".
inline constexpr char kAttemptsHeader[] = "X-Mybuild-Attempts";

using Sleeper = std::function<void(std::chrono::milliseconds)>;

// std::this_thread::sleep_for.
void RealSleep(std::chrono::milliseconds d);

// The wait before send number `attempt + 1` (attempt >= 1) when the server
// gave no Retry-After: initial_backoff * 2^(attempt-1), capped at max_backoff.
std::chrono::milliseconds BackoffFor(const RetryPolicy& policy, int attempt);

// The server's Retry-After in delta-seconds, capped; nullopt when absent or
// not a number (HTTP-date values fall back to the backoff).
std::optional<std::chrono::milliseconds> RetryAfter(
    const RetryPolicy& policy, const HttpResponse& response);

class RetryingTransport : public Transport {
 public:
  // `inner` must outlive this object.
  RetryingTransport(Transport& inner, RetryPolicy policy = {},
                    Sleeper sleep = RealSleep);

  // Sends through `inner` up to max_attempts times (once when
  // request.retry is false), within max_total. Retries on a kUnavailable
  // failure, 429 and 500/502/503/504; resets the request's sink before each
  // re-send. When attempts or time run out, returns the last response (a
  // 429/5xx is still a response, with kAttemptsHeader) or the last failure
  // with " (after N attempts)" appended.
  Expected<HttpResponse> Send(const HttpRequest& request) override;

 private:
  Transport& inner_;
  RetryPolicy policy_;
  Sleeper sleep_;
};

}  // namespace mybuild::registry
