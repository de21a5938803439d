// A loopback HTTP proxy in front of a real registry that injects faults:
// for each request, a rule (first match on method and path substring, used
// up to `times` times) answers with a status, stalls (never answers),
// redirects elsewhere, forwards and cuts the response body in half, or holds
// the request until Release() and then forwards it (a slow blob); other
// requests are forwarded untouched. It counts what it saw, for asserting
// attempts.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/fd.h"
#include "registry/http.h"

namespace mybuild::registry::testing {

struct FaultRule {
  // kRedirect answers 307 with Location `location`.
  enum class Kind { kStatus, kStall, kTruncate, kRedirect, kHold };
  std::string method;     // "" matches any
  std::string path_part;  // a substring of the request target
  Kind kind = Kind::kStatus;
  int status = 503;
  HttpHeaders headers;  // for kStatus (e.g. Retry-After)
  int times = 1000000;
  std::string location;  // for kRedirect
};

class FaultProxy {
 public:
  // Listens on 127.0.0.1 at a free port, forwarding to 127.0.0.1:upstream_port.
  static Expected<std::unique_ptr<FaultProxy>> Start(
      int upstream_port, std::vector<FaultRule> rules);
  ~FaultProxy();

  // "127.0.0.1:<port>"
  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }
  // Requests seen whose target contains `path_part` (with `method`, "" any).
  int Count(const std::string& method, const std::string& path_part) const;
  // Lets every kHold request, held or still to come, go on upstream.
  void Release() { released_ = true; }

 private:
  FaultProxy(UniqueFd listener, int port, int upstream,
             std::vector<FaultRule> rules);
  void Serve();
  void Handle(UniqueFd conn);
  const FaultRule* Match(const std::string& method, const std::string& target);

  UniqueFd listener_;
  int port_, upstream_;
  mutable std::mutex mu_;
  std::vector<FaultRule> rules_;
  std::vector<std::pair<std::string, std::string>> seen_;  // method, target
  std::atomic<bool> stop_{false};
  std::atomic<bool> released_{false};
  std::vector<std::thread> workers_;
  std::thread thread_;
};

}  // namespace mybuild::registry::testing
