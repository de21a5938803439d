#include "executor/sandbox_watch.h"

#include <dirent.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "base/fd.h"

namespace mybuild::executor::watch {
namespace {

// Bounds the walk: a tree larger than this counts as running.
constexpr int kMaxThreads = 4096;

std::string TaskPath(pid_t pid, pid_t tid, const char* file) {
  return "/proc/" + std::to_string(pid) + "/task/" + std::to_string(tid) + "/" + file;
}

std::vector<pid_t> Children(pid_t pid, pid_t tid) {
  std::vector<pid_t> out;
  Expected<std::string> text = ReadFile(TaskPath(pid, tid, "children"));
  if (!text.ok()) return out;
  const char* p = text->c_str();
  char* end = nullptr;
  for (long v = std::strtol(p, &end, 10); end != p; v = std::strtol(p, &end, 10)) {
    out.push_back(static_cast<pid_t>(v));
    p = end;
  }
  return out;
}

// The state letter of /proc/PID/task/TID/stat (after the command's
// parenthesised name, which may hold anything), or 0 when it is gone.
char State(pid_t pid, pid_t tid) {
  Expected<std::string> stat = ReadFile(TaskPath(pid, tid, "stat"));
  if (!stat.ok()) return 0;
  size_t close = stat->rfind(')');
  return close == std::string::npos || close + 2 >= stat->size() ? 0 : (*stat)[close + 2];
}

// Whether a sleeping thread waits only for a child to change state or a
// signal to come (wait4/waitid, or sigsuspend as shells wait), with no
// POSIX timer of its process to send one. When its children are all
// stopped, only someone outside can wake it.
bool WaitsForOthers(pid_t pid, pid_t tid) {
  Expected<std::string> wchan = ReadFile(TaskPath(pid, tid, "wchan"));
  if (!wchan.ok()) return false;
  if (wchan->rfind("do_wait", 0) != 0 && wchan->rfind("sigsuspend", 0) != 0) return false;
  Expected<std::string> timers = ReadFile("/proc/" + std::to_string(pid) + "/timers");
  return timers.ok() && timers->empty();
}

// Walks `pid` and its descendants; false as soon as a thread may run.
bool Stopped(pid_t pid, int& threads, int& stopped) {
  std::string dir = "/proc/" + std::to_string(pid) + "/task";
  std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), ::closedir);
  if (!d) return false;
  while (struct dirent* e = ::readdir(d.get())) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    if (++threads > kMaxThreads) return false;
    pid_t tid = static_cast<pid_t>(std::atol(e->d_name));
    char s = State(pid, tid);
    if (s == 'T' || s == 't') {
      ++stopped;
    } else if (s != 'Z' && s != 'X' && !(s == 'S' && WaitsForOthers(pid, tid))) {
      return false;
    }
    for (pid_t child : Children(pid, tid)) {
      if (!Stopped(child, threads, stopped)) return false;
    }
  }
  return true;
}

}  // namespace

pid_t SandboxInit(pid_t intermediate) {
  std::vector<pid_t> c = Children(intermediate, intermediate);
  return c.empty() ? 0 : c.front();
}

bool AllStopped(pid_t intermediate) {
  pid_t init = SandboxInit(intermediate);
  int threads = 0, stopped = 0;
  return init > 0 && Stopped(init, threads, stopped) && stopped > 0;
}

void KillSandbox(pid_t intermediate) {
  pid_t init = SandboxInit(intermediate);
  if (init > 0) {
    UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, init, 0)));
    // Still the intermediate's child once the pidfd is held: it is the
    // sandbox's pid 1, not a process that reused its pid.
    if (pidfd.valid() && SandboxInit(intermediate) == init) {
      ::syscall(SYS_pidfd_send_signal, pidfd.get(), SIGKILL, nullptr, 0);
    }
  }
  ::kill(-intermediate, SIGKILL);
  ::kill(intermediate, SIGKILL);
}

}  // namespace mybuild::executor::watch
