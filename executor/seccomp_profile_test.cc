#include "executor/seccomp_profile.h"

#include <gtest/gtest.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace mybuild::executor {
namespace {

// "name=ERRNO" for a failed call, "name=ok" for one that worked.
std::string Outcome(const char* name, long rc) {
  return std::string(name) + "=" + (rc >= 0 ? "ok" : strerrorname_np(errno)) +
         "\n";
}

// A syscall number of this machine that libseccomp cannot name.
int UnknownSyscall() {
  for (int nr = 457; nr < 1024; ++nr) {
    char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
    bool known = name != nullptr;
    ::free(name);
    if (!known) return nr;
  }
  return -1;
}

// Loads the profile in a child (with no_new_privs, so no privilege is
// needed), makes each call and returns what happened.
std::string RunUnderProfile(const std::vector<sock_filter>& program) {
  int fds[2];
  if (::pipe(fds) != 0) return "pipe failed";
  int unknown = UnknownSyscall();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    struct sock_fprog prog = {static_cast<unsigned short>(program.size()),
                              const_cast<sock_filter*>(program.data())};
    std::string out;
    ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    out += Outcome("load",
                   ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog));
    out += Outcome("getpid", ::syscall(SYS_getpid));
    out += Outcome("keyctl", ::syscall(SYS_keyctl, 0, 0, 0, 0, 0));
    out += Outcome("add_key", ::syscall(SYS_add_key, "user", "x", "y", 1, 0));
    out +=
        Outcome("request_key", ::syscall(SYS_request_key, "user", "x", 0, 0));
    out += Outcome("bpf", ::syscall(SYS_bpf, 0, nullptr, 0));
    out += Outcome("mount", ::mount("none", "/tmp", "tmpfs", 0, nullptr));
    out += Outcome("umount2", ::umount2("/tmp", MNT_DETACH));
    out += Outcome("unshare_user", ::unshare(CLONE_NEWUSER));
    out += Outcome("clone_newuser",
                   ::syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0));
    out += Outcome("clone3", ::syscall(SYS_clone3, nullptr, 0));
    out += Outcome("kexec_load", ::syscall(SYS_kexec_load, 0, 0, nullptr, 0));
    out += Outcome("open_by_handle_at",
                   ::syscall(SYS_open_by_handle_at, -1, nullptr, 0));
    out += Outcome("perf_event_open",
                   ::syscall(SYS_perf_event_open, nullptr, 0, -1, -1, 0));
    out += Outcome("reboot", ::syscall(SYS_reboot, 0, 0, 0, nullptr));
    out += Outcome("swapon", ::syscall(SYS_swapon, "/nonexistent", 0));
    out += Outcome("init_module", ::syscall(SYS_init_module, nullptr, 0, ""));
    out += Outcome("setns", ::syscall(SYS_setns, -1, 0));
    out += Outcome("socket_vsock", ::socket(40, SOCK_STREAM, 0));
    out += Outcome("socket_unix", ::socket(AF_UNIX, SOCK_STREAM, 0));
    out += Outcome("personality_query", ::personality(0xffffffff));
    out += Outcome("personality_norandom", ::personality(ADDR_NO_RANDOMIZE));
    out += Outcome("chroot", ::chroot("/nonexistent"));
    out += Outcome("ptrace",
                   ::ptrace(PTRACE_ATTACH, 0x3fffffff, nullptr, nullptr));
    out += Outcome("unknown", ::syscall(unknown, 0, 0, 0));
    (void)!::write(fds[1], out.data(), out.size());
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) out.append(buf, n);
  ::close(fds[0]);
  ::waitpid(pid, nullptr, 0);
  return out;
}

TEST(SeccompProfileTest, BlocksWhatDockersDefaultBlocks) {
  auto program = DefaultSeccompProgram();
  ASSERT_TRUE(program.ok()) << program.status().message();
  EXPECT_EQ(RunUnderProfile(**program),
            "load=ok\n"
            "getpid=ok\n"
            "keyctl=EPERM\n"
            "add_key=EPERM\n"
            "request_key=EPERM\n"
            "bpf=EPERM\n"
            "mount=EPERM\n"
            "umount2=EPERM\n"
            "unshare_user=EPERM\n"
            "clone_newuser=EPERM\n"
            "clone3=ENOSYS\n"
            "kexec_load=EPERM\n"
            "open_by_handle_at=EPERM\n"
            "perf_event_open=EPERM\n"
            "reboot=EPERM\n"
            "swapon=EPERM\n"
            "init_module=EPERM\n"
            "setns=EPERM\n"
            "socket_vsock=EPERM\n"
            "socket_unix=ok\n"
            "personality_query=ok\n"
            "personality_norandom=EPERM\n"
            // Allowed calls fail for their own reasons, not EPERM.
            "chroot=ENOENT\n"
            "ptrace=ESRCH\n"
            "unknown=ENOSYS\n");
}

TEST(SeccompProfileTest, IsBuiltOnce) {
  auto a = DefaultSeccompProgram();
  auto b = DefaultSeccompProgram();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  EXPECT_GT((*a)->size(), 100u);
}

}  // namespace
}  // namespace mybuild::executor
