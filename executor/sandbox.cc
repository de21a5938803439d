#include "executor/sandbox.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <functional>
#include <future>
#include <optional>
#include <system_error>

#include "base/fd.h"
#include "executor/mount_stubs.h"
#include "executor/etc_files.h"
#include "executor/run_network.h"
#include "executor/sandbox_watch.h"
#include "executor/seccomp_profile.h"
#include "executor/step_cgroup.h"
#include "executor/setup_steps.h"

namespace mybuild::executor {
namespace {

constexpr size_t kMaxRunning = 64;
std::array<std::atomic<pid_t>, kMaxRunning> g_running{};
// Set by KillAllSandboxes: a sandbox that starts afterwards is killed too,
// so a step that was starting while the build was stopped cannot slip by.
std::atomic<bool> g_killing{false};

void Track(pid_t pid) {
  for (auto& slot : g_running) {
    pid_t expected = 0;
    if (slot.compare_exchange_strong(expected, pid)) return;
  }
}

void Untrack(pid_t pid) {
  for (auto& slot : g_running) {
    pid_t expected = pid;
    if (slot.compare_exchange_strong(expected, 0)) return;
  }
}

// Makes `path` hold `data`. Unchanged files are left alone, so sandboxes
// can share them; a change replaces the file (a new inode, by rename), so a
// running sandbox keeps the one it bound. Scratch: no fsync.
Status EnsureFile(const std::string& path, std::string_view data) {
  Expected<std::string> now = ReadFile(path);
  if (now.ok() && *now == data) return Status::Ok();
  std::string tmp = path + ".new-" + std::to_string(::getpid()) + "-" +
                    std::to_string(::gettid());
  {
    ASSIGN_OR_RETURN(UniqueFd fd,
                     OpenFile(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644));
    RETURN_IF_ERROR(WriteAll(fd.get(), data, tmp));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    return SysError("rename", path, errno);
  return Status::Ok();
}

Status WriteEtcFiles(const SandboxSpec& spec) {
  RETURN_IF_ERROR(MakeDirs(spec.etc_dir + "/empty"));
  RETURN_IF_ERROR(MakeDirs(spec.mount_dir));
  RETURN_IF_ERROR(EnsureFile(spec.etc_dir + "/hosts", HostsFile(spec.extra_hosts)));
  RETURN_IF_ERROR(EnsureFile(spec.etc_dir + "/hostname", spec.hostname + "\n"));
  std::string resolv;
  if (spec.network != NetworkMode::kNone) {
    Expected<std::string> host = ReadFile("/etc/resolv.conf");
    if (host.ok()) resolv = *host;
  }
  if (spec.network == NetworkMode::kPrivate) resolv = PrivateResolvConf(resolv, kSlirpResolver);
  return EnsureFile(spec.etc_dir + "/resolv.conf", resolv);
}

// After pivot_root, so stdin is the sandbox's own /dev/null.
Status SetupStdio(int output_fd) {
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0 || ::dup2(null_fd, 0) < 0 || ::dup2(output_fd, 1) < 0 ||
      ::dup2(output_fd, 2) < 0) {
    return SysError("dup2", "stdio", errno);
  }
  return Status::Ok();
}

// The child: runs the setup script, then execs. Never returns.
[[noreturn]] void ChildMain(const SandboxSpec& spec,
                            const std::vector<sock_filter>& seccomp,
                            int report_fd, int output_fd, int life_fd) {
  const std::string& root = spec.mount_dir;
  const bool no_net = spec.network == NetworkMode::kNone;
  const std::function<Status()> script[] = {
      [&] { return setup::DieWithParent(life_fd); },
      [&] { return setup::DieWithBuilder(report_fd); },
      [&] { return setup::MakeMountsPrivate(); },
      [&] { return setup::MountRootOverlay(spec, spec.etc_dir + "/empty"); },
      [&] { return setup::MountProc(root); },
      [&] { return setup::MountDev(root, spec.resources.shm_size); },
      [&] { return setup::MountSys(root); },
      [&] { return setup::MountEtcFiles(spec); },
      [&] { return setup::MountRunMounts(spec); },
      [&] { return no_net ? setup::BringUpLoopback() : Status::Ok(); },
      [&] { return setup::SetHostname(spec.hostname); },
      [&] { return setup::DropCapabilities(); },
      [&] { return setup::PivotRoot(root); },
      [&] { return SetupStdio(output_fd); },
      [&] { return setup::SetRlimits(spec); },
      [&] { return setup::CloseInheritedFds({report_fd}); },
      [&] { return setup::EnterWorkdir(spec); },
      [&] { return setup::ApplySeccomp(seccomp); },
      [&] { return setup::SwitchUser(spec); },
      [&] { return setup::DieWithBuilder(report_fd); },
      [&] { return setup::ExecCommand(spec); },
  };
  Status st;
  for (const auto& step : script) {
    st = step();
    if (!st.ok()) break;
  }
  const std::string& m = st.message();
  (void)!::write(report_fd, m.data(), m.size());
  ::_exit(127);
}

// Between the builder and the sandbox: joins the step's network namespace
// (kPrivate's, when `netns_fd` is one), unshares the namespaces, forks the
// sandbox's pid 1, and exits as it does (same code, or same signal). Dies
// with the builder's thread, and the sandbox dies with it. It first closes
// every fd it inherited but its two: it never execs, so close-on-exec fds
// of other steps starting at the same time would stay open here.
[[noreturn]] void IntermediateMain(const SandboxSpec& spec,
                                   const std::vector<sock_filter>& seccomp,
                                   int report_fd, int output_fd, int netns_fd,
                                   const std::vector<int>& cgroup_procs) {
  int c[3] = {-1, -1, -1};
  for (size_t i = 0; i < cgroup_procs.size() && i < 3; ++i) c[i] = cgroup_procs[i];
  Status st = setup::CloseInheritedFds({report_fd, output_fd, netns_fd, c[0], c[1], c[2]});
  // First, so every process of the step is counted and bounded.
  if (st.ok()) st = JoinCgroup(cgroup_procs);
  for (int fd : c) {
    if (fd >= 0) ::close(fd);
  }
  if (st.ok()) st = setup::DieWithBuilder(report_fd);
  if (st.ok() && netns_fd >= 0) st = setup::JoinNetwork(netns_fd);
  int flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC;
  if (spec.network == NetworkMode::kNone) flags |= CLONE_NEWNET;
  if (st.ok() && ::unshare(flags) != 0) st = SysError("unshare", "", errno);
  // Held open here until this process dies: the child's DieWithParent.
  int life[2] = {-1, -1};
  if (st.ok() && ::pipe2(life, O_CLOEXEC) != 0) st = SysError("pipe2", "", errno);
  pid_t child = st.ok() ? ::fork() : -1;
  if (st.ok() && child < 0) st = SysError("fork", "", errno);
  if (child == 0) {
    ::close(life[1]);
    ChildMain(spec, seccomp, report_fd, output_fd, life[0]);
  }
  if (life[0] >= 0) ::close(life[0]);
  if (!st.ok()) {
    const std::string& m = st.message();
    (void)!::write(report_fd, m.data(), m.size());
    ::_exit(127);
  }
  ::close(report_fd);
  ::close(output_fd);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    ::signal(WTERMSIG(status), SIG_DFL);
    ::kill(::getpid(), WTERMSIG(status));
  }
  ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 127);
}

RunResult Wait(pid_t pid, std::string tail) {
  RunResult r;
  r.tail = std::move(tail);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  Untrack(pid);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.term_signal = WTERMSIG(status);
  return r;
}

// Keeps the last `kLines` lines of what the command printed.
void AppendTail(std::string& tail, std::string_view chunk) {
  constexpr int kLines = 10;
  tail.append(chunk);
  if (tail.size() > 8192) tail.erase(0, tail.size() - 8192);
  // Walk back over kLines line breaks, not counting a final one.
  int seen = 0;
  for (size_t i = tail.size() - 1; i-- > 0;) {
    if (tail[i] == '\n' && ++seen == kLines) {
      tail.erase(0, i + 1);
      return;
    }
  }
}

// "30s", "10m", "1h", "1500ms".
std::string FormatDuration(std::chrono::milliseconds d) {
  long long ms = d.count();
  if (ms % 1000 != 0) return std::to_string(ms) + "ms";
  long long s = ms / 1000;
  if (s != 0 && s % 3600 == 0) return std::to_string(s / 3600) + "h";
  if (s != 0 && s % 60 == 0) return std::to_string(s / 60) + "m";
  return std::to_string(s) + "s";
}

// Passes the command's output on until every writer has closed the pipe,
// looking at the sandbox twice a second (and at each chunk) to end it when
// it outlives `limits`. Returns why it was ended, or "".
std::string Pump(int fd, pid_t pid, const RunLimits& limits,
                 const OutputFn& on_output, std::string& tail) {
  using Clock = std::chrono::steady_clock;
  constexpr std::chrono::milliseconds kTick{500};
  const Clock::time_point start = Clock::now();
  std::optional<Clock::time_point> stopped_since;
  std::string ended_by;
  char buf[1 << 14];
  for (;;) {
    std::chrono::milliseconds wait = kTick;
    if (ended_by.empty()) {
      Clock::time_point now = Clock::now();
      auto ran = std::chrono::duration_cast<std::chrono::milliseconds>(now - start);
      if (limits.timeout.count() > 0 && ran >= limits.timeout) {
        ended_by = "timed out after " + FormatDuration(limits.timeout);
      } else if (stopped_since && now - *stopped_since >= limits.stopped_grace) {
        ended_by = "stopped: every process was stopped (by a signal or a tracer) or waiting "
                   "for a stopped one for " +
                   FormatDuration(limits.stopped_grace);
      }
      if (!ended_by.empty()) watch::KillSandbox(pid);
      if (limits.timeout.count() > 0) wait = std::min(wait, limits.timeout - ran);
    }
    struct pollfd p = {fd, POLLIN, 0};
    int ready = ::poll(&p, 1, ended_by.empty() ? static_cast<int>(wait.count()) : -1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      bool stopped = limits.stopped_grace.count() > 0 && watch::AllStopped(pid);
      if (!stopped) stopped_since.reset();
      if (stopped && !stopped_since) stopped_since = Clock::now();
      continue;
    }
    ssize_t n = ready < 0 ? -1 : ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    stopped_since.reset();
    std::string_view chunk(buf, static_cast<size_t>(n));
    if (on_output) on_output(chunk);
    AppendTail(tail, chunk);
  }
  return ended_by;
}

// TakeStepNetwork, on a thread when one can be had.
std::future<Expected<StepNetwork>> StartNetwork() {
  try {
    return std::async(std::launch::async, [] { return TakeStepNetwork(); });
  } catch (const std::system_error&) {
    return std::async(std::launch::deferred, [] { return TakeStepNetwork(); });
  }
}

}  // namespace

Expected<RunResult> RunInSandbox(const SandboxSpec& spec,
                                 const OutputFn& on_output,
                                 const RunLimits& limits) {
  RETURN_IF_ERROR(ValidateSpec(spec));
  // Ready before the sandbox forks, so slirp4netns is up when its command
  // runs; given back to the pool when the step is over. A new one starts
  // (mostly slirp4netns loading its libraries) on a thread of its own while
  // this one compiles the seccomp program (the first step) and makes the
  // /etc files and the cgroup.
  std::future<Expected<StepNetwork>> starting;
  if (spec.network == NetworkMode::kPrivate) starting = StartNetwork();
  ASSIGN_OR_RETURN(const std::vector<sock_filter>* seccomp,
                   DefaultSeccompProgram());
  RETURN_IF_ERROR(WriteEtcFiles(spec));
  ASSIGN_OR_RETURN(StepCgroup cgroup, StepCgroup::Create(spec.resources));
  StepNetwork net;
  if (starting.valid()) {
    ASSIGN_OR_RETURN(net, starting.get());
  }
  std::vector<int> cgroup_procs;
  for (const UniqueFd& fd : cgroup.procs()) cgroup_procs.push_back(fd.get());
  // Without a cgroup, an RLIMIT_NPROC is the step's pids limit.
  std::optional<SandboxSpec> bounded;
  if (cgroup.NprocBound() > 0) {
    bounded = spec;
    AddNprocBound(bounded->rlimits, cgroup.NprocBound(), spec.uid);
  }
  const SandboxSpec& run = bounded ? *bounded : spec;
  int sv[2], out[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) {
    return SysError("socketpair", "", errno);
  }
  UniqueFd report(sv[0]), child_report(sv[1]);
  if (::pipe2(out, O_CLOEXEC) != 0) return SysError("pipe2", "", errno);
  UniqueFd output(out[0]), child_output(out[1]);

  // fork, not clone: the builder may run steps on several threads, and only
  // fork leaves the child's malloc in a usable state. The child makes the
  // namespaces and forks again, so the command's process is pid 1.
  pid_t pid = ::fork();
  if (pid < 0) return SysError("fork", "", errno);
  if (pid == 0) {
    ::setpgid(0, 0);
    report.Reset();
    output.Reset();
    IntermediateMain(run, *seccomp, child_report.get(), child_output.get(),
                     net.netns_fd(), cgroup_procs);
  }
  // Its own process group, which the sandbox's pid 1 inherits: killing the
  // group ends the sandbox even when the kernel has cleared pid 1's
  // parent-death signal (an exec that grows its capabilities does).
  ::setpgid(pid, pid);
  Track(pid);
  // Either KillAllSandboxes saw the pid, or this sees its flag.
  if (g_killing.load()) {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
  }
  child_report.Reset();
  child_output.Reset();

  std::string tail;
  std::string ended_by = Pump(output.get(), pid, limits, on_output, tail);
  std::string failure(4096, '\0');
  ssize_t n = ::read(report.get(), failure.data(), failure.size());
  RunResult result = Wait(pid, std::move(tail));
  // Every process of the step is gone with its pid 1: the next may use it.
  if (net.netns_fd() >= 0) GiveBackStepNetwork(std::move(net));
  result.ended_by = std::move(ended_by);
  result.pids_limit_hit = !result.success() && cgroup.PidsLimitHit(result.tail);
  result.memory_limit_hit = cgroup.MemoryLimitHit();
  RETURN_IF_ERROR(cgroup.Remove());
  RETURN_IF_ERROR(RemoveMountStubs(spec));
  if (n > 0) {
    failure.resize(static_cast<size_t>(n));
    return Status(ErrorCode::kIo, "sandbox setup: " + failure);
  }
  return result;
}

void KillAllSandboxes() {
  g_killing.store(true);
  for (auto& slot : g_running) {
    pid_t pid = slot.load();
    if (pid > 0) {
      ::kill(-pid, SIGKILL);  // the sandbox's pid 1, and so its namespace
      ::kill(pid, SIGKILL);
    }
  }
}

void AllowSandboxes() { g_killing.store(false); }

}  // namespace mybuild::executor
