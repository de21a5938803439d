#include "testdata/probe/probe_calls.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace probe {
namespace {

std::string Errno(long rc) { return rc >= 0 ? "ok" : strerrorname_np(errno); }

// Tries a mount on a fresh empty directory, undoing it if it worked (so
// the probe is harmless even where it is not confined).
std::string TryMount() {
  char dir[] = "/tmp/probe-mnt-XXXXXX";
  char fallback[] = "/probe-mnt-XXXXXX";
  char* target = ::mkdtemp(dir);
  if (!target) target = ::mkdtemp(fallback);
  if (!target) return "mkdtemp failed";
  long rc = ::mount("none", target, "tmpfs", 0, nullptr);
  std::string result = Errno(rc);
  if (rc == 0) ::umount2(target, MNT_DETACH);
  ::rmdir(target);
  return result;
}

// PTRACE_ATTACH to a process of another user (a child that drops to
// nobody), which needs CAP_SYS_PTRACE. Only root can make such a child.
std::string TryPtraceOtherUser() {
  if (::getuid() != 0) return "not root";
  int ready[2];
  if (::pipe(ready) != 0) return "pipe failed";
  pid_t child = ::fork();
  if (child == 0) {
    ::close(ready[0]);
    if (::setresgid(65534, 65534, 65534) != 0 ||
        ::setresuid(65534, 65534, 65534) != 0) {
      ::_exit(1);
    }
    (void)!::write(ready[1], "x", 1);
    for (;;) ::pause();
  }
  ::close(ready[1]);
  char c;
  bool up = ::read(ready[0], &c, 1) == 1;
  ::close(ready[0]);
  std::string result = up ? Errno(::ptrace(PTRACE_ATTACH, child, nullptr,
                                           nullptr))
                          : "child failed";
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  return result;
}

// Makes a block device node for the first loop device (7:0, harmless to
// open) in `dir` and opens it: "ok" where a step could reach host devices
// through a node it made (Docker's device cgroup forbids that).
std::string TryDeviceNode(const std::string& dir) {
  std::string path = dir + "/probe-loop0";
  if (::mknod(path.c_str(), S_IFBLK | 0600, makedev(7, 0)) != 0) {
    return std::string("mknod ") + strerrorname_np(errno);
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  std::string result = Errno(fd);
  if (fd >= 0) ::close(fd);
  ::unlink(path.c_str());
  return result;
}

}  // namespace

std::string AskAgent(const char* path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr = {};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path, sizeof addr.sun_path - 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::string err = std::string("connect ") + strerrorname_np(errno);
    ::close(fd);
    return err;
  }
  const char request[] = {0, 0, 0, 1, 11};
  (void)!::write(fd, request, sizeof request);
  char buf[256];
  ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  return n > 0 ? std::string(buf, n) : "no reply";
}

nlohmann::json Calls() {
  nlohmann::json out;
  out["keyctl"] = Errno(::syscall(SYS_keyctl, 0, 0, 0, 0, 0));
  out["mount"] = TryMount();
  out["ptrace_other_user"] = TryPtraceOtherUser();
  int fd = ::open("/proc/sys/kernel/domainname", O_WRONLY | O_CLOEXEC);
  out["write_proc_sys"] = Errno(fd);
  if (fd >= 0) ::close(fd);
  out["mkdir_sys"] = Errno(::mkdir("/sys/probe", 0755));
  out["device_in_root"] = TryDeviceNode("/tmp");
  out["device_in_dev"] = TryDeviceNode("/dev");
  out["chroot"] = Errno(::chroot("/nonexistent"));
  out["unshare_mount"] = Errno(::unshare(CLONE_NEWNS));
  out["unshare_user"] = Errno(::unshare(CLONE_NEWUSER));
  return out;
}

}  // namespace probe
