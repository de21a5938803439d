#include "executor/run_network.h"

#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace mybuild::executor {
namespace {

constexpr int kReadyTimeoutMs = 10000;

std::string FindInPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string_view rest = path ? path : "/usr/local/bin:/usr/bin:/bin";
  while (true) {
    size_t colon = rest.find(':');
    std::string dir(rest.substr(0, colon));
    if (!dir.empty()) {
      std::string full = dir + "/" + name;
      if (::access(full.c_str(), X_OK) == 0) return full;
    }
    if (colon == std::string_view::npos) return "";
    rest.remove_prefix(colon + 1);
  }
}

// A new network namespace, as an fd, without moving this process: a
// thread of its own makes it and ends, so no thread has to setns back (which
// a rootless builder may not: the host's namespace is not its user
// namespace's).
Expected<UniqueFd> NewNetns() {
  Expected<UniqueFd> made = Internal("netns thread did not run");
  std::thread maker([&made] {
    if (::unshare(CLONE_NEWNET) != 0) {
      made = SysError("unshare CLONE_NEWNET", "", errno);
      return;
    }
    made = OpenFile("/proc/thread-self/ns/net", O_RDONLY);
  });
  maker.join();
  return made;
}

// `fd` moved to a number >= 10, close-on-exec, so that dup2 onto 0..5 in
// the child cannot clobber another source.
Expected<UniqueFd> High(UniqueFd fd) {
  int high = ::fcntl(fd.get(), F_DUPFD_CLOEXEC, 10);
  if (high < 0) return SysError("fcntl F_DUPFD_CLOEXEC", "", errno);
  return UniqueFd(high);
}

std::string ReadBack(int fd) {
  std::string out;
  char buf[1024];
  ssize_t n;
  off_t at = 0;
  while ((n = ::pread(fd, buf, sizeof buf, at)) > 0 && out.size() < 4096) {
    out.append(buf, static_cast<size_t>(n));
    at += n;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

std::string Slirp4netnsFailure(const std::string& why, const std::string& said) {
  std::string m = "slirp4netns " + why + (said.empty() ? "" : ": " + said);
  if (said.find("/dev/net/tun") != std::string::npos &&
      said.find("Permission denied") != std::string::npos) {
    m += " (a rootless build opens /dev/net/tun as its user: as root run "
         "`chmod 0666 /dev/net/tun`, the mode Debian's udev gives it, or build with "
         "--network=none)";
  }
  return m;
}

Expected<StepNetwork> StepNetwork::Start(const std::string& slirp4netns) {
  std::string prog = slirp4netns.empty() ? FindInPath("slirp4netns") : slirp4netns;
  if (prog.empty() || ::access(prog.c_str(), X_OK) != 0) {
    return NotFound(
        "slirp4netns not found: a RUN step's default network needs it "
        "(apt-get install slirp4netns), or build with --network=none");
  }
  ASSIGN_OR_RETURN(UniqueFd netns, NewNetns());
  int ready[2], exit_pipe[2];
  if (::pipe2(ready, O_CLOEXEC) != 0) return SysError("pipe2", "", errno);
  UniqueFd ready_r(ready[0]), ready_w(ready[1]);
  if (::pipe2(exit_pipe, O_CLOEXEC) != 0) return SysError("pipe2", "", errno);
  UniqueFd exit_r(exit_pipe[0]), exit_w(exit_pipe[1]);
  int log = ::memfd_create("slirp4netns-stderr", MFD_CLOEXEC);
  if (log < 0) return SysError("memfd_create", "", errno);
  UniqueFd err_log(log);
  ASSIGN_OR_RETURN(UniqueFd c_ready, High(std::move(ready_w)));
  ASSIGN_OR_RETURN(UniqueFd c_exit, High(std::move(exit_r)));
  ASSIGN_OR_RETURN(UniqueFd c_netns, High(UniqueFd(::dup(netns.get()))));
  ASSIGN_OR_RETURN(UniqueFd c_log, High(UniqueFd(::dup(err_log.get()))));

  std::vector<std::string> args = {
      prog, "--configure", "--mtu=65520", "--disable-host-loopback",
      "--ready-fd=3", "--exit-fd=4", "--netns-type=path", "/proc/self/fd/5",
      "tap0"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, c_log.get(), 2);
  posix_spawn_file_actions_adddup2(&fa, c_ready.get(), 3);
  posix_spawn_file_actions_adddup2(&fa, c_exit.get(), 4);
  posix_spawn_file_actions_adddup2(&fa, c_netns.get(), 5);
  posix_spawn_file_actions_addclosefrom_np(&fa, 6);
  // Its own process group: a ^C to the builder's group is the builder's to
  // handle; slirp4netns ends when the builder closes (or loses) the exit fd.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                      POSIX_SPAWN_SETSIGDEF);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, prog.c_str(), &fa, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return SysError("posix_spawn", prog, rc);
  StepNetwork net;
  net.netns_ = std::move(netns);
  net.exit_ = std::move(exit_w);
  net.pid_ = pid;
  c_ready.Reset();  // so a slirp4netns that dies is seen as EOF

  struct pollfd p = {ready_r.get(), POLLIN, 0};
  int n;
  while ((n = ::poll(&p, 1, kReadyTimeoutMs)) < 0 && errno == EINTR) {
  }
  char byte = 0;
  ssize_t got = n > 0 ? ::read(ready_r.get(), &byte, 1) : 0;
  if (got == 1 && byte == '1') return net;
  if (n == 0) ::kill(pid, SIGKILL);
  net.Stop();
  std::string why = n == 0 ? "not ready after 10s" : "exited before it was ready";
  std::string said = ReadBack(err_log.get());
  return Status(ErrorCode::kIo, Slirp4netnsFailure(why, said));
}

StepNetwork& StepNetwork::operator=(StepNetwork&& o) noexcept {
  if (this != &o) {
    Stop();
    netns_ = std::move(o.netns_);
    exit_ = std::move(o.exit_);
    pid_ = std::exchange(o.pid_, -1);
  }
  return *this;
}

void StepNetwork::Stop() {
  exit_.Reset();
  netns_.Reset();
  if (pid_ > 0) {
    // It would see the closed exit fd only at its next poll timeout; it
    // keeps nothing worth a clean exit.
    ::kill(pid_, SIGKILL);
    int status;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
  }
}

bool StepNetwork::Alive() {
  if (pid_ <= 0) return false;
  int status;
  if (::waitpid(pid_, &status, WNOHANG) == 0) return true;
  pid_ = -1;
  return false;
}

namespace {
std::mutex g_pool_mu;
std::vector<StepNetwork>& Pool() {
  static auto* pool = new std::vector<StepNetwork>();  // lives until exit
  return *pool;
}
}  // namespace

Expected<StepNetwork> TakeStepNetwork() {
  for (;;) {
    StepNetwork net;
    {
      std::lock_guard<std::mutex> lock(g_pool_mu);
      if (Pool().empty()) break;
      net = std::move(Pool().back());
      Pool().pop_back();
    }
    if (net.Alive()) return net;
  }
  return StepNetwork::Start();
}

void GiveBackStepNetwork(StepNetwork net) {
  if (!net.Alive()) return;
  std::lock_guard<std::mutex> lock(g_pool_mu);
  if (Pool().size() < kIdleNetworks) Pool().push_back(std::move(net));
}

}  // namespace mybuild::executor
