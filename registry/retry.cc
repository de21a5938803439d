#include "registry/retry.h"

#include <algorithm>
#include <cctype>
#include <thread>

namespace mybuild::registry {
namespace {

bool Retryable(int status) { return status == 429 || status >= 500; }

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
  for (int attempt = 1;; ++attempt) {
    Expected<HttpResponse> result = inner_.Send(request);
    bool last = attempt >= policy_.max_attempts || !request.retry;
    std::chrono::milliseconds wait = BackoffFor(policy_, attempt);
    if (!result.ok()) {
      if (result.status().code() != ErrorCode::kUnavailable) return result;
      if (last) {
        if (attempt == 1) return result;
        return Status(result.status().code(),
                      result.status().message() + " (after " +
                          std::to_string(attempt) + " attempts)");
      }
    } else {
      if (!Retryable(result->status) || last) return result;
      wait = RetryAfter(policy_, *result).value_or(wait);
    }
    if (request.sink != nullptr) RETURN_IF_ERROR(request.sink->Reset());
    sleep_(wait);
  }
}

}  // namespace mybuild::registry
