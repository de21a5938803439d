#include "registry/testing/stalling_server.h"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

#include "registry/testing/tiny_http_server.h"

namespace mybuild::registry::testing {
namespace {

// Best effort, and never SIGPIPE when the client has gone.
void Send(int fd, std::string_view data) {
  (void)::send(fd, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

}  // namespace

Expected<std::unique_ptr<StallingServer>> StallingServer::Start(
    Mode mode, std::chrono::milliseconds interval) {
  ASSIGN_OR_RETURN(LoopbackListener l, ListenOnLoopback());
  return std::unique_ptr<StallingServer>(
      new StallingServer(std::move(l.fd), l.port, mode, interval));
}

StallingServer::StallingServer(UniqueFd listener, int port, Mode mode,
                               std::chrono::milliseconds interval)
    : listener_(std::move(listener)),
      port_(port),
      mode_(mode),
      interval_(interval),
      thread_([this] { Serve(); }) {}

StallingServer::~StallingServer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  thread_.join();
}

std::string StallingServer::Url(const std::string& scheme,
                                const std::string& path) const {
  return scheme + "://127.0.0.1:" + std::to_string(port_) + path;
}

void StallingServer::Serve() {
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stop_) return;
    }
    auto now = std::chrono::steady_clock::now();
    for (Connection& c : connections_) {
      if (mode_ == Mode::kTrickle && now >= c.next_byte) {
        Send(c.fd.get(), "x");
        c.next_byte = now + interval_;
      }
    }
    pollfd p{listener_.get(), POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    UniqueFd conn(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!conn.valid()) continue;
    if (mode_ == Mode::kTrickle) {
      Send(conn.get(), "HTTP/1.1 200 X\r\nContent-Length: 1000\r\n\r\n");
    } else if (mode_ == Mode::kGarbage) {
      Send(conn.get(), "HTTP/1.1 400 Bad Request\r\n\r\n");
    }
    connections_.push_back({std::move(conn), now + interval_});
  }
}

}  // namespace mybuild::registry::testing
