// Running tools from tests: one-shot commands (openssl, skopeo) whose output
// is captured, and long-lived children (the registry) stopped on demand.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::registry::testing {

struct CommandResult {
  int exit_code = -1;  // 128 + signal number when killed by a signal
  std::string output;  // stdout and stderr, interleaved
};

// Runs argv[0] (searched in $PATH) to completion with stdin from /dev/null.
// Fails only when it cannot be started ("spawn \"tool\": ...").
Expected<CommandResult> RunCommand(const std::vector<std::string>& argv);

// True when `tool` is an executable file in $PATH (or an absolute path).
bool ToolInstalled(const std::string& tool);

// A started child whose stdout and stderr go to a log file.
class ChildProcess {
 public:
  static Expected<ChildProcess> Spawn(const std::vector<std::string>& argv,
                                      const std::string& log_file);
  ChildProcess(ChildProcess&& o) noexcept : pid_(o.pid_) { o.pid_ = -1; }
  ChildProcess& operator=(ChildProcess&&) = delete;
  ~ChildProcess() { Stop(); }

  pid_t pid() const { return pid_; }
  // True (and reaped) when the child has exited.
  bool Exited();
  // SIGTERM, up to 5 s to exit, then SIGKILL; always reaps. Idempotent.
  void Stop();

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
};

}  // namespace mybuild::registry::testing
