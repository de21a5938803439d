// A loopback server that misbehaves at the socket level, for timeout and TLS
// failure tests: it accepts connections and then says nothing, trickles a
// response a byte at a time, or answers anything (a TLS hello included) with
// a plain-HTTP line. Each connection is held open until the server is
// destroyed.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/fd.h"

namespace mybuild::registry::testing {

class StallingServer {
 public:
  enum class Mode {
    kSilent,   // accept, never write a byte
    kTrickle,  // a 200 head at once, then one body byte per `interval`
    kGarbage,  // "HTTP/1.1 400 Bad Request" at once, whatever was sent
  };
  // Listens on 127.0.0.1 at a free port. Fails with the socket call's error.
  static Expected<std::unique_ptr<StallingServer>> Start(
      Mode mode,
      std::chrono::milliseconds interval = std::chrono::milliseconds(10000));
  ~StallingServer();

  int port() const { return port_; }
  // "<scheme>://127.0.0.1:<port><path>"
  std::string Url(const std::string& scheme, const std::string& path) const;

 private:
  StallingServer(UniqueFd listener, int port, Mode mode,
                 std::chrono::milliseconds interval);
  void Serve();

  struct Connection {
    UniqueFd fd;
    std::chrono::steady_clock::time_point next_byte;
  };
  UniqueFd listener_;
  int port_;
  Mode mode_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  bool stop_ = false;
  std::vector<Connection> connections_;
  std::thread thread_;
};

}  // namespace mybuild::registry::testing
