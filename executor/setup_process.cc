// Setup steps about the process itself: its parent, hostname, network,
// descriptors, working directory and the final execve.
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstring>

#include "executor/setup_steps.h"

namespace mybuild::executor::setup {

Status DieWithBuilder(int report_fd) {
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) {
    return SysError("prctl PR_SET_PDEATHSIG", "", errno);
  }
  // The builder may have died before the request was in place.
  struct pollfd p = {report_fd, POLLRDHUP, 0};
  if (::poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLRDHUP))) {
    return Status(ErrorCode::kCancelled, "builder exited");
  }
  return Status::Ok();
}

Status DieWithParent(int life_fd) {
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) {
    ::close(life_fd);
    return SysError("prctl PR_SET_PDEATHSIG", "", errno);
  }
  struct pollfd p = {life_fd, POLLIN, 0};
  bool gone = ::poll(&p, 1, 0) > 0 && (p.revents & POLLHUP);
  ::close(life_fd);
  if (gone) return Status(ErrorCode::kCancelled, "sandbox parent exited");
  return Status::Ok();
}

Status SetHostname(const std::string& hostname) {
  if (::sethostname(hostname.data(), hostname.size()) != 0) {
    return SysError("sethostname", hostname, errno);
  }
  return Status::Ok();
}

Status BringUpLoopback() {
  int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return SysError("socket", "lo", errno);
  struct ifreq req;
  std::memset(&req, 0, sizeof req);
  std::strncpy(req.ifr_name, "lo", IFNAMSIZ - 1);
  int rc = ::ioctl(fd, SIOCGIFFLAGS, &req);
  if (rc == 0) {
    req.ifr_flags |= IFF_UP | IFF_RUNNING;
    rc = ::ioctl(fd, SIOCSIFFLAGS, &req);
  }
  int err = errno;
  ::close(fd);
  if (rc != 0) return SysError("ioctl SIOCSIFFLAGS", "lo", err);
  return Status::Ok();
}

Status JoinNetwork(int netns_fd) {
  int rc = ::setns(netns_fd, CLONE_NEWNET);
  int err = errno;
  ::close(netns_fd);
  if (rc != 0) return SysError("setns CLONE_NEWNET", "", err);
  return Status::Ok();
}

Status CloseInheritedFds(std::initializer_list<int> keep) {
  std::array<unsigned, 8> k{};
  size_t n = 0;
  for (int fd : keep) {
    if (fd > 2 && n < k.size()) k[n++] = static_cast<unsigned>(fd);
  }
  // Insertion sort: std::sort here trips GCC 12's -Warray-bounds at -O2
  // (a false positive on the fixed-size array).
  for (size_t i = 1; i < n; ++i) {
    for (size_t j = i; j > 0 && k[j - 1] > k[j]; --j) std::swap(k[j - 1], k[j]);
  }
  unsigned from = 3;
  for (size_t i = 0; i < n; ++i) {
    if (k[i] > from && ::syscall(SYS_close_range, from, k[i] - 1, 0u) != 0) {
      return SysError("close_range", "", errno);
    }
    from = std::max(from, k[i] + 1);
  }
  if (::syscall(SYS_close_range, from, ~0u, 0u) != 0) {
    return SysError("close_range", "", errno);
  }
  return Status::Ok();
}

Status EnterWorkdir(const SandboxSpec& spec) {
  if (::chdir(spec.cwd.c_str()) != 0) return SysError("chdir", spec.cwd, errno);
  // The kernel's getcwd names a directory outside the root "(unreachable)".
  char buf[PATH_MAX];
  long n = ::syscall(SYS_getcwd, buf, sizeof buf);
  if (n <= 0 || buf[0] != '/') {
    return InvalidArgument("chdir \"" + spec.cwd +
                           "\": working directory is outside the root");
  }
  return Status::Ok();
}

Status ExecCommand(const SandboxSpec& spec) {
  std::string path = LookPath(spec.argv[0], spec.env);
  if (path.empty()) {
    return NotFound("exec: \"" + spec.argv[0] +
                    "\": executable file not found in $PATH");
  }
  std::vector<char*> argv, envp;
  for (const std::string& a : spec.argv)
    argv.push_back(const_cast<char*>(a.c_str()));
  for (const std::string& e : spec.env)
    envp.push_back(const_cast<char*>(e.c_str()));
  argv.push_back(nullptr);
  envp.push_back(nullptr);
  ::execve(path.c_str(), argv.data(), envp.data());
  return SysError("exec", path, errno);
}

}  // namespace mybuild::executor::setup
