// Setup steps that take privileges away: capabilities, rlimits, seccomp
// and the user switch.
#include <grp.h>
#include <linux/capability.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
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

Status DropCapabilities() {
  // cap_last_cap is read before pivot_root would hide the host's /proc.
  const std::vector<int>& keep = DefaultCapabilities();
  const int last = LastCapability();
  for (int cap = 0; cap <= last; ++cap) {
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

Status SetRlimits(const SandboxSpec& spec) {
  for (const Rlimit& r : spec.rlimits) {
    struct rlimit value = {r.soft, r.hard};
    if (::setrlimit(r.resource, &value) == 0) continue;
    // Without CAP_SYS_RESOURCE the hard limit cannot rise: go as far as
    // the builder's own hard limit allows.
    struct rlimit current;
    if (errno != EPERM || ::getrlimit(r.resource, &current) != 0 ||
        current.rlim_max >= r.hard) {
      return SysError("setrlimit", std::to_string(r.resource), errno);
    }
    value = {std::min<rlim_t>(r.soft, current.rlim_max), current.rlim_max};
    if (::setrlimit(r.resource, &value) != 0) {
      return SysError("setrlimit", std::to_string(r.resource), errno);
    }
  }
  return Status::Ok();
}

Status ApplySeccomp(const std::vector<sock_filter>& program) {
  struct sock_fprog prog = {static_cast<unsigned short>(program.size()),
                            const_cast<sock_filter*>(program.data())};
  if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
    return SysError("seccomp", "SECCOMP_SET_MODE_FILTER", errno);
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

}  // namespace mybuild::executor::setup
