#include "executor/ssh_proxy.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "base/fd.h"

namespace mybuild::executor {
namespace {

// `path` as a socket address. One longer than sun_path's 108 bytes (a
// store under a deep $HOME: ~/.local/share/mybuild/tmp/...) is reached
// through its directory, opened into `dir`: /proc/self/fd/N/NAME.
bool Address(const std::string& path, sockaddr_un* addr, UniqueFd& dir) {
  std::memset(addr, 0, sizeof *addr);
  addr->sun_family = AF_UNIX;
  std::string at = path;
  if (at.size() >= sizeof addr->sun_path) {
    size_t slash = path.rfind('/');
    if (slash == std::string::npos) return false;
    dir = UniqueFd(::open(path.substr(0, slash + 1).c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid()) return false;
    at = "/proc/self/fd/" + std::to_string(dir.get()) + path.substr(slash);
  }
  if (at.size() >= sizeof addr->sun_path) return false;
  std::memcpy(addr->sun_path, at.data(), at.size());
  return true;
}

int Connect(const std::string& path) {
  sockaddr_un addr;
  UniqueFd dir;
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (!Address(path, &addr, dir) ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Copies what is readable on `from` to `to`; false at EOF or error.
bool Pump(int from, int to) {
  char buf[16384];
  ssize_t n = ::read(from, buf, sizeof buf);
  if (n <= 0) return n < 0 && errno == EINTR;
  for (ssize_t done = 0; done < n;) {
    ssize_t w = ::write(to, buf + done, n - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    done += w;
  }
  return true;
}

// The forwarder's loop: accept, connect to the agent, relay both ways.
[[noreturn]] void Forward(int listener, const std::string& agent) {
  std::vector<std::pair<int, int>> pairs;  // (client, agent)
  for (;;) {
    std::vector<pollfd> fds = {{listener, POLLIN, 0}};
    for (const auto& [c, a] : pairs) {
      fds.push_back({c, POLLIN, 0});
      fds.push_back({a, POLLIN, 0});
    }
    if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) ::_exit(1);
    const size_t polled = pairs.size();  // a pair accepted below was not polled
    if (fds[0].revents & POLLIN) {
      int client = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
      int upstream = client >= 0 ? Connect(agent) : -1;
      if (upstream >= 0)
        pairs.emplace_back(client, upstream);
      else if (client >= 0)
        ::close(client);
    }
    for (size_t i = 0; i < polled; ++i) {
      const pollfd& c = fds[1 + 2 * i];
      const pollfd& a = fds[2 + 2 * i];
      bool ok = true;
      if (c.revents) ok = Pump(pairs[i].first, pairs[i].second);
      if (ok && a.revents) ok = Pump(pairs[i].second, pairs[i].first);
      if (!ok) {
        ::close(pairs[i].first);
        ::close(pairs[i].second);
        pairs[i] = {-1, -1};
      }
    }
    std::erase_if(pairs, [](const auto& p) { return p.first < 0; });
  }
}

}  // namespace

Expected<std::unique_ptr<SshAgentProxy>> SshAgentProxy::Start(
    const std::string& agent_socket, const std::string& socket_path,
    uint32_t uid, uint32_t gid, uint32_t mode) {
  sockaddr_un addr;
  UniqueFd dir;
  if (!Address(socket_path, &addr, dir)) {
    return InvalidArgument("ssh socket path too long: " + socket_path);
  }
  UniqueFd listener(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!listener.valid()) return SysError("socket", socket_path, errno);
  if (::bind(listener.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) !=
      0) {
    return SysError("bind", socket_path, errno);
  }
  if (::chown(socket_path.c_str(), uid, gid) != 0 ||
      ::chmod(socket_path.c_str(), mode) != 0) {
    return SysError("chown/chmod", socket_path, errno);
  }
  if (::listen(listener.get(), 16) != 0)
    return SysError("listen", socket_path, errno);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) return SysError("fork", socket_path, errno);
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (::getppid() != parent) ::_exit(1);
    // Nothing of the builder (locks, other sockets) stays open here.
    int l = ::dup2(listener.get(), 3);
    if (l != 3) ::_exit(1);
    ::syscall(SYS_close_range, 4u, ~0u, 0u);
    Forward(3, agent_socket);
  }
  return std::unique_ptr<SshAgentProxy>(new SshAgentProxy(pid, socket_path));
}

SshAgentProxy::~SshAgentProxy() {
  ::kill(pid_, SIGKILL);
  while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
  ::unlink(path_.c_str());
}

}  // namespace mybuild::executor
