#include <grp.h>
#include <linux/capability.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "executor/setup_steps.h"

namespace mybuild::executor::setup {
namespace {

int LastCapability() {
  std::ifstream f("/proc/sys/kernel/cap_last_cap");
  int last = CAP_LAST_CAP;
  f >> last;
  return last;
}

}  // namespace

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

Status DropCapabilities() {
  // cap_last_cap is read before pivot_root would hide the host's /proc.
  const std::vector<int>& keep = DefaultCapabilities();
  for (int cap = 0; cap <= LastCapability(); ++cap) {
    if (std::find(keep.begin(), keep.end(), cap) != keep.end()) continue;
    if (::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) {
      return SysError("prctl PR_CAPBSET_DROP", std::to_string(cap), errno);
    }
  }
  if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) {
    return SysError("prctl PR_CAP_AMBIENT_CLEAR_ALL", "", errno);
  }
  // Clear inheritable; effective and permitted are recomputed at execve
  // from the bounding set.
  struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2];
  if (::syscall(SYS_capget, &header, data) != 0) {
    return SysError("capget", "", errno);
  }
  data[0].inheritable = data[1].inheritable = 0;
  if (::syscall(SYS_capset, &header, data) != 0) {
    return SysError("capset", "", errno);
  }
  return Status::Ok();
}

Status SwitchUser(const SandboxSpec& spec) {
  std::vector<gid_t> groups(spec.supplementary_gids.begin(),
                            spec.supplementary_gids.end());
  if (::setgroups(groups.size(), groups.data()) != 0) {
    return SysError("setgroups", "", errno);
  }
  if (::setresgid(spec.gid, spec.gid, spec.gid) != 0) {
    return SysError("setgid", std::to_string(spec.gid), errno);
  }
  if (::setresuid(spec.uid, spec.uid, spec.uid) != 0) {
    return SysError("setuid", std::to_string(spec.uid), errno);
  }
  return Status::Ok();
}

Status CloseInheritedFds() {
  if (::syscall(SYS_close_range, 3u, ~0u, 4u /* CLOSE_RANGE_CLOEXEC */) != 0) {
    return SysError("close_range", "", errno);
  }
  return Status::Ok();
}

Status ExecCommand(const SandboxSpec& spec) {
  if (::chdir(spec.cwd.c_str()) != 0) return SysError("chdir", spec.cwd, errno);
  std::string path = LookPath(spec.argv[0], spec.env);
  if (path.empty()) {
    return NotFound("exec: \"" + spec.argv[0] +
                    "\": executable file not found in $PATH");
  }
  std::vector<char*> argv, envp;
  for (const std::string& a : spec.argv) argv.push_back(const_cast<char*>(a.c_str()));
  for (const std::string& e : spec.env) envp.push_back(const_cast<char*>(e.c_str()));
  argv.push_back(nullptr);
  envp.push_back(nullptr);
  ::execve(path.c_str(), argv.data(), envp.data());
  return SysError("exec", path, errno);
}

}  // namespace mybuild::executor::setup
