#include "registry/retry.h"

#include <algorithm>
#include <cctype>
#include <random>
#include <thread>

namespace mybuild::registry {
namespace {

bool Retryable(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 ||
         status == 504;
}

// backoff less a random part of up to `jitter` of it.
std::chrono::milliseconds Jittered(std::chrono::milliseconds d, double jitter) {
  static thread_local std::mt19937 rng(std::random_device{}());
  double cut = std::uniform_real_distribution<double>(0.0, jitter)(rng);
  return std::chrono::milliseconds(
      static_cast<int64_t>(d.count() * (1.0 - cut)));
}

}  // namespace

void RealSleep(std::chrono::milliseconds d) { std::this_thread::sleep_for(d); }

std::chrono::milliseconds BackoffFor(const RetryPolicy& policy, int attempt) {
  auto d = policy.initial_backoff;
  for (int i = 1; i < attempt && d < policy.max_backoff; ++i) d *= 2;
  return std::min(d, policy.max_backoff);
}

std::optional<std::chrono::milliseconds> RetryAfter(
    const RetryPolicy& policy, const HttpResponse& response) {
  std::string v = response.headers.Get("Retry-After");
  if (v.empty() || v.size() > 9 ||
      !std::all_of(v.begin(), v.end(),
                   [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  std::chrono::milliseconds d(std::stoll(v) * 1000);
  return std::min(d, policy.max_retry_after);
}

RetryingTransport::RetryingTransport(Transport& inner, RetryPolicy policy,
                                     Sleeper sleep)
    : inner_(inner), policy_(policy), sleep_(std::move(sleep)) {}

Expected<HttpResponse> RetryingTransport::Send(const HttpRequest& request) {
  const auto deadline = std::chrono::steady_clock::now() + policy_.max_total;
  for (int attempt = 1;; ++attempt) {
    Expected<HttpResponse> result = inner_.Send(request);
    std::chrono::milliseconds wait =
        Jittered(BackoffFor(policy_, attempt), policy_.jitter);
    if (result.ok() && Retryable(result->status)) {
      wait = RetryAfter(policy_, *result).value_or(wait);
    }
    bool last = attempt >= policy_.max_attempts || !request.retry ||
                std::chrono::steady_clock::now() + wait > deadline;
    if (!result.ok()) {
      if (result.status().code() != ErrorCode::kUnavailable) return result;
      if (last) {
        if (attempt == 1) return result;
        return Status(result.status().code(),
                      result.status().message() + " (after " +
                          std::to_string(attempt) + " attempts)");
      }
    } else {
      if (!Retryable(result->status)) return result;
      if (last) {
        if (attempt > 1)
          result->headers.Set(kAttemptsHeader, std::to_string(attempt));
        return result;
      }
    }
    if (request.sink != nullptr) RETURN_IF_ERROR(request.sink->Reset());
    sleep_(wait);
  }
}

}  // namespace mybuild::registry
