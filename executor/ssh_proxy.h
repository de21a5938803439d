// RUN --mount=type=ssh: a socket of the step's own, owned and moded as the
// mount asks, that forwards every connection to the builder's SSH agent
// ($SSH_AUTH_SOCK), as BuildKit does. The agent's socket itself never
// enters the sandbox.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include "base/status.h"

namespace mybuild::executor {

class SshAgentProxy {
 public:
  // Listens on `socket_path` (a new path; chowned uid:gid, chmod `mode`)
  // and forwards, from a child process, each connection to the agent
  // listening at `agent_socket`. Fails naming the socket that could not be
  // made.
  static Expected<std::unique_ptr<SshAgentProxy>> Start(
      const std::string& agent_socket, const std::string& socket_path,
      uint32_t uid, uint32_t gid, uint32_t mode);
  // Stops the forwarder (SIGKILL, reaped) and removes the socket.
  ~SshAgentProxy();

  const std::string& path() const { return path_; }

 private:
  SshAgentProxy(pid_t pid, std::string path)
      : pid_(pid), path_(std::move(path)) {}
  pid_t pid_;
  std::string path_;
};

}  // namespace mybuild::executor
