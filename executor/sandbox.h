// Runs one command in a namespace-isolated sandbox over overlayfs: the
// privileged part of the executor. The spec says everything; this file only
// carries it out.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "executor/sandbox_spec.h"

namespace mybuild::executor {

struct RunResult {
  int exit_code = 0;    // the command's exit status, when it exited
  int term_signal = 0;  // the signal that killed it, or 0
  std::string tail;     // its last lines of output (stdout and stderr)
  // Why the builder killed it, or "" when it ended by itself:
  //   timed out after 30s
  //   stopped: every process was stopped (by a signal or a tracer) or
  //   waiting for a stopped one for 2s
  std::string ended_by;
  // A failed step hit its pids limit (its cgroup's, or its RLIMIT_NPROC:
  // step_cgroup.h); the kernel OOM-killed in it.
  bool pids_limit_hit = false;
  bool memory_limit_hit = false;

  bool success() const {
    return exit_code == 0 && term_signal == 0 && ended_by.empty();
  }
};

// When the builder ends a command itself.
struct RunLimits {
  // Killed once it has run this long ("timed out after 30s"); 0: never.
  std::chrono::milliseconds timeout{0};
  // Killed once every process in the sandbox has been stopped (SIGSTOP,
  // SIGTSTP, a ptrace stop) or waiting for a stopped one, and none could
  // run, for this long, as seen in /proc twice a second (see
  // watch::AllStopped): nothing inside can continue it, so it would
  // otherwise hang the build. 0: never.
  std::chrono::milliseconds stopped_grace{2000};
};

// Called with each chunk the command writes to stdout or stderr.
using OutputFn = std::function<void(std::string_view)>;

// Runs spec.argv in new mount, pid, uts and ipc namespaces (and a new net
// namespace with only `lo` for NetworkMode::kNone), rooted at an overlay of
// spec.lower_dirs and spec.upper_dir. Writes the generated /etc files into
// spec.etc_dir (only when they differ from what is there) and makes
// spec.mount_dir: both may be shared by sandboxes, even running at once;
// spec.work_dir may not. The command's changes land in spec.upper_dir;
// mount points the sandbox had to create are removed from it again
// afterwards.
//
// Returns the command's exit status (a non-zero exit is a RunResult, not an
// error); a command that outlives `limits` is killed, and its RunResult
// says why (ended_by). Fails when the spec is invalid or a setup step fails; the message
// names the step's call and path, e.g. `mount overlay "/x": Invalid argument`.
// Requires root.
Expected<RunResult> RunInSandbox(const SandboxSpec& spec,
                                 const OutputFn& on_output,
                                 const RunLimits& limits = {});

// Kills (SIGKILL) every sandbox this process has running: their pid
// namespaces and mounts die with them; sandboxes started afterwards are
// killed as they start, until AllowSandboxes. Safe to call from a signal
// handler.
void KillAllSandboxes();
// Lets sandboxes run again after KillAllSandboxes: a build calls it as it
// starts (one build at a time per process).
void AllowSandboxes();

}  // namespace mybuild::executor
