// A private dockerd for the benchmark's BuildKit column: its own socket,
// data root and exec root under a directory of the run, no bridge and no
// iptables, the harness's registry trusted over plain HTTP; stopped by PID
// when the object goes. mybuild never needs it: it is only the peer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "registry/testing/subprocess.h"

namespace mybuild::bench {

class PrivateDockerd {
 public:
  // Starts dockerd (Debian's docker.io) under `dir` and waits up to 60 s for
  // `docker version` to answer. kNotFound when dockerd is not installed.
  static Expected<std::unique_ptr<PrivateDockerd>> Start(
      const std::string& dir, const std::string& insecure_registry);

  // `docker -H unix://SOCK ARGS...` with DOCKER_BUILDKIT=1, to completion.
  Expected<registry::testing::CommandResult> Docker(
      const std::vector<std::string>& args) const;
  // That command line, to start it in the background (StartCommand).
  std::vector<std::string> Argv(const std::vector<std::string>& args) const;

 private:
  PrivateDockerd(registry::testing::ChildProcess p, std::string host)
      : process_(std::move(p)), host_(std::move(host)) {}
  registry::testing::ChildProcess process_;
  std::string host_;
};

}  // namespace mybuild::bench
