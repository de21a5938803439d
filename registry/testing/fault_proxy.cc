#include "registry/testing/fault_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstdlib>

#include "registry/testing/tiny_http_server.h"

namespace mybuild::registry::testing {
namespace {

// The upstream's whole answer to `raw` (sent with Connection: close).
std::string Forward(int port, std::string raw) {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    return "";
  raw.insert(raw.find("\r\n") + 2, "Connection: close\r\n");
  if (!WriteAll(fd.get(), raw, "upstream").ok()) return "";
  std::string out;
  char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

// The head and the first half of the body of `reply`.
std::string Truncated(const std::string& reply) {
  size_t head_end = reply.find("\r\n\r\n");
  if (head_end == std::string::npos) return reply;
  head_end += 4;
  return reply.substr(0, head_end + (reply.size() - head_end) / 2);
}

}  // namespace

Expected<std::unique_ptr<FaultProxy>> FaultProxy::Start(
    int upstream_port, std::vector<FaultRule> rules) {
  ASSIGN_OR_RETURN(LoopbackListener l, ListenOnLoopback());
  return std::unique_ptr<FaultProxy>(
      new FaultProxy(std::move(l.fd), l.port, upstream_port, std::move(rules)));
}

FaultProxy::FaultProxy(UniqueFd listener, int port, int upstream,
                       std::vector<FaultRule> rules)
    : listener_(std::move(listener)),
      port_(port),
      upstream_(upstream),
      rules_(std::move(rules)),
      thread_([this] { Serve(); }) {}

FaultProxy::~FaultProxy() {
  stop_ = true;
  thread_.join();
  for (std::thread& t : workers_) t.join();
}

int FaultProxy::Count(const std::string& method,
                      const std::string& path_part) const {
  std::lock_guard<std::mutex> lock(mu_);
  int n = 0;
  for (const auto& [m, target] : seen_) {
    if ((method.empty() || m == method) &&
        target.find(path_part) != std::string::npos)
      ++n;
  }
  return n;
}

const FaultRule* FaultProxy::Match(const std::string& method,
                                   const std::string& target) {
  std::lock_guard<std::mutex> lock(mu_);
  seen_.emplace_back(method, target);
  for (FaultRule& r : rules_) {
    if (r.times <= 0 || (!r.method.empty() && r.method != method)) continue;
    if (target.find(r.path_part) == std::string::npos) continue;
    --r.times;
    return &r;
  }
  return nullptr;
}

void FaultProxy::Serve() {
  while (!stop_) {
    pollfd p{listener_.get(), POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    UniqueFd conn(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!conn.valid()) continue;
    std::lock_guard<std::mutex> lock(mu_);
    workers_.emplace_back(
        [this, c = std::move(conn)]() mutable { Handle(std::move(c)); });
  }
}

void FaultProxy::Handle(UniqueFd conn) {
  std::string raw;
  ReceivedRequest r;
  if (!ReadRequest(conn.get(), &raw, &r)) return;
  const FaultRule* rule = Match(r.method, r.target);
  std::string reply;
  if (rule == nullptr) {
    reply = Forward(upstream_, raw);
  } else if (rule->kind == FaultRule::Kind::kStatus) {
    reply = RawReply(rule->status, rule->headers, "");
  } else if (rule->kind == FaultRule::Kind::kRedirect) {
    HttpHeaders h;
    h.Set("Location", rule->location);
    reply = RawReply(307, h, "");
  } else if (rule->kind == FaultRule::Kind::kTruncate) {
    reply = Truncated(Forward(upstream_, raw));
  } else if (rule->kind == FaultRule::Kind::kHold) {
    while (!stop_ && !released_) ::poll(nullptr, 0, 5);
    reply = Forward(upstream_, raw);
  } else {
    while (!stop_) {  // kStall: hold the connection, say nothing
      pollfd p{conn.get(), POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      char c;
      if (::read(conn.get(), &c, 1) <= 0) return;  // the client gave up
    }
    return;
  }
  (void)WriteAll(conn.get(), reply, "reply");
  ::shutdown(conn.get(), SHUT_WR);
}

}  // namespace mybuild::registry::testing
