#include "executor/seccomp_profile.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>

#include "base/fd.h"

namespace mybuild::executor {
namespace {

// Docker's unconditional allowlist (profiles/seccomp/default.json), names
// of every ABI; names an arch lacks are skipped there.
constexpr const char* kAllowed[] = {
    "accept",
    "accept4",
    "access",
    "adjtimex",
    "alarm",
    "bind",
    "brk",
    "capget",
    "capset",
    "chdir",
    "chmod",
    "chown",
    "chown32",
    "clock_adjtime",
    "clock_adjtime64",
    "clock_getres",
    "clock_getres_time64",
    "clock_gettime",
    "clock_gettime64",
    "clock_nanosleep",
    "clock_nanosleep_time64",
    "close",
    "close_range",
    "connect",
    "copy_file_range",
    "creat",
    "dup",
    "dup2",
    "dup3",
    "epoll_create",
    "epoll_create1",
    "epoll_ctl",
    "epoll_ctl_old",
    "epoll_pwait",
    "epoll_pwait2",
    "epoll_wait",
    "epoll_wait_old",
    "eventfd",
    "eventfd2",
    "execve",
    "execveat",
    "exit",
    "exit_group",
    "faccessat",
    "faccessat2",
    "fadvise64",
    "fadvise64_64",
    "fallocate",
    "fanotify_mark",
    "fchdir",
    "fchmod",
    "fchmodat",
    "fchmodat2",
    "fchown",
    "fchown32",
    "fchownat",
    "fcntl",
    "fcntl64",
    "fdatasync",
    "fgetxattr",
    "flistxattr",
    "flock",
    "fork",
    "fremovexattr",
    "fsetxattr",
    "fstat",
    "fstat64",
    "fstatat64",
    "fstatfs",
    "fstatfs64",
    "fsync",
    "ftruncate",
    "ftruncate64",
    "futex",
    "futex_requeue",
    "futex_time64",
    "futex_wait",
    "futex_waitv",
    "futex_wake",
    "futimesat",
    "getcpu",
    "getcwd",
    "getdents",
    "getdents64",
    "getegid",
    "getegid32",
    "geteuid",
    "geteuid32",
    "getgid",
    "getgid32",
    "getgroups",
    "getgroups32",
    "getitimer",
    "getpeername",
    "getpgid",
    "getpgrp",
    "getpid",
    "getppid",
    "getpriority",
    "getrandom",
    "getresgid",
    "getresgid32",
    "getresuid",
    "getresuid32",
    "getrlimit",
    "get_robust_list",
    "getrusage",
    "getsid",
    "getsockname",
    "getsockopt",
    "get_thread_area",
    "gettid",
    "gettimeofday",
    "getuid",
    "getuid32",
    "getxattr",
    "inotify_add_watch",
    "inotify_init",
    "inotify_init1",
    "inotify_rm_watch",
    "io_cancel",
    "ioctl",
    "io_destroy",
    "io_getevents",
    "io_pgetevents",
    "io_pgetevents_time64",
    "ioprio_get",
    "ioprio_set",
    "io_setup",
    "io_submit",
    "io_uring_enter",
    "io_uring_register",
    "io_uring_setup",
    "ipc",
    "kill",
    "landlock_add_rule",
    "landlock_create_ruleset",
    "landlock_restrict_self",
    "lchown",
    "lchown32",
    "lgetxattr",
    "link",
    "linkat",
    "listen",
    "listxattr",
    "llistxattr",
    "_llseek",
    "lremovexattr",
    "lseek",
    "lsetxattr",
    "lstat",
    "lstat64",
    "madvise",
    "map_shadow_stack",
    "membarrier",
    "memfd_create",
    "memfd_secret",
    "mincore",
    "mkdir",
    "mkdirat",
    "mknod",
    "mknodat",
    "mlock",
    "mlock2",
    "mlockall",
    "mmap",
    "mmap2",
    "mprotect",
    "mq_getsetattr",
    "mq_notify",
    "mq_open",
    "mq_timedreceive",
    "mq_timedreceive_time64",
    "mq_timedsend",
    "mq_timedsend_time64",
    "mq_unlink",
    "mremap",
    "msgctl",
    "msgget",
    "msgrcv",
    "msgsnd",
    "msync",
    "munlock",
    "munlockall",
    "munmap",
    "name_to_handle_at",
    "nanosleep",
    "newfstatat",
    "_newselect",
    "open",
    "openat",
    "openat2",
    "pause",
    "pidfd_open",
    "pidfd_send_signal",
    "pipe",
    "pipe2",
    "pkey_alloc",
    "pkey_free",
    "pkey_mprotect",
    "poll",
    "ppoll",
    "ppoll_time64",
    "prctl",
    "pread64",
    "preadv",
    "preadv2",
    "prlimit64",
    "process_mrelease",
    "pselect6",
    "pselect6_time64",
    "pwrite64",
    "pwritev",
    "pwritev2",
    "read",
    "readahead",
    "readlink",
    "readlinkat",
    "readv",
    "recv",
    "recvfrom",
    "recvmmsg",
    "recvmmsg_time64",
    "recvmsg",
    "remap_file_pages",
    "removexattr",
    "rename",
    "renameat",
    "renameat2",
    "restart_syscall",
    "rmdir",
    "rseq",
    "rt_sigaction",
    "rt_sigpending",
    "rt_sigprocmask",
    "rt_sigqueueinfo",
    "rt_sigreturn",
    "rt_sigsuspend",
    "rt_sigtimedwait",
    "rt_sigtimedwait_time64",
    "rt_tgsigqueueinfo",
    "sched_getaffinity",
    "sched_getattr",
    "sched_getparam",
    "sched_get_priority_max",
    "sched_get_priority_min",
    "sched_getscheduler",
    "sched_rr_get_interval",
    "sched_rr_get_interval_time64",
    "sched_setaffinity",
    "sched_setattr",
    "sched_setparam",
    "sched_setscheduler",
    "sched_yield",
    "seccomp",
    "select",
    "semctl",
    "semget",
    "semop",
    "semtimedop",
    "semtimedop_time64",
    "send",
    "sendfile",
    "sendfile64",
    "sendmmsg",
    "sendmsg",
    "sendto",
    "setfsgid",
    "setfsgid32",
    "setfsuid",
    "setfsuid32",
    "setgid",
    "setgid32",
    "setgroups",
    "setgroups32",
    "setitimer",
    "setpgid",
    "setpriority",
    "setregid",
    "setregid32",
    "setresgid",
    "setresgid32",
    "setresuid",
    "setresuid32",
    "setreuid",
    "setreuid32",
    "setrlimit",
    "set_robust_list",
    "setsid",
    "setsockopt",
    "set_thread_area",
    "set_tid_address",
    "setuid",
    "setuid32",
    "setxattr",
    "shmat",
    "shmctl",
    "shmdt",
    "shmget",
    "shutdown",
    "sigaltstack",
    "signalfd",
    "signalfd4",
    "sigprocmask",
    "sigreturn",
    "socketcall",
    "socketpair",
    "splice",
    "stat",
    "stat64",
    "statfs",
    "statfs64",
    "statx",
    "symlink",
    "symlinkat",
    "sync",
    "sync_file_range",
    "syncfs",
    "sysinfo",
    "tee",
    "tgkill",
    "time",
    "timer_create",
    "timer_delete",
    "timer_getoverrun",
    "timer_gettime",
    "timer_gettime64",
    "timer_settime",
    "timer_settime64",
    "timerfd_create",
    "timerfd_gettime",
    "timerfd_gettime64",
    "timerfd_settime",
    "timerfd_settime64",
    "times",
    "tkill",
    "truncate",
    "truncate64",
    "ugetrlimit",
    "umask",
    "uname",
    "unlink",
    "unlinkat",
    "utime",
    "utimensat",
    "utimensat_time64",
    "utimes",
    "vfork",
    "vmsplice",
    "wait4",
    "waitid",
    "waitpid",
    "write",
    "writev",
    // x86 only; harmless elsewhere (skipped).
    "arch_prctl",
    "modify_ldt",
    // Allowed because the sandbox keeps CAP_SYS_CHROOT.
    "chroot",
};

// Allowed from Linux 4.8, where seccomp can no longer be bypassed with them.
constexpr const char* kAllowedSince48[] = {"process_vm_readv",
                                           "process_vm_writev", "ptrace"};

// Docker's five personality(2) values.
constexpr uint64_t kPersonalities[] = {0x0, 0x8, 0x20000, 0x20008, 0xffffffff};

// CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET.
constexpr uint64_t kNamespaceFlags = 0x7E020000;
constexpr uint64_t kAfVsock = 40;

bool KernelAtLeast48() {
  struct utsname u;
  int major = 0, minor = 0;
  if (::uname(&u) != 0 ||
      std::sscanf(u.release, "%d.%d", &major, &minor) != 2) {
    return false;
  }
  return major > 4 || (major == 4 && minor >= 8);
}

struct CtxDeleter {
  void operator()(void* ctx) const { seccomp_release(ctx); }
};
using Ctx = std::unique_ptr<void, CtxDeleter>;

Status Check(int rc, const std::string& what) {
  if (rc == 0) return Status::Ok();
  return Internal("seccomp: " + what + ": " + std::string(strerror(-rc)));
}

// Adds `name` with `action` and optional argument comparisons; names
// libseccomp does not know, or that no arch of `ctx` has, are skipped.
Status Add(scmp_filter_ctx ctx, const char* name, uint32_t action,
           std::vector<scmp_arg_cmp> args = {}) {
  int nr = seccomp_syscall_resolve_name(name);
  if (nr == __NR_SCMP_ERROR) return Status::Ok();
  int rc = seccomp_rule_add_array(ctx, action, nr, args.size(), args.data());
  if (rc == -EDOM || (nr < 0 && rc != 0)) return Status::Ok();
  return Check(rc, std::string("rule for ") + name);
}

Status AddRules(scmp_filter_ctx ctx) {
  for (const char* name : kAllowed)
    RETURN_IF_ERROR(Add(ctx, name, SCMP_ACT_ALLOW));
  if (KernelAtLeast48()) {
    for (const char* name : kAllowedSince48) {
      RETURN_IF_ERROR(Add(ctx, name, SCMP_ACT_ALLOW));
    }
  }
  RETURN_IF_ERROR(
      Add(ctx, "socket", SCMP_ACT_ALLOW, {SCMP_A0(SCMP_CMP_NE, kAfVsock)}));
  for (uint64_t p : kPersonalities) {
    RETURN_IF_ERROR(
        Add(ctx, "personality", SCMP_ACT_ALLOW, {SCMP_A0(SCMP_CMP_EQ, p)}));
  }
  RETURN_IF_ERROR(Add(ctx, "clone", SCMP_ACT_ALLOW,
                      {SCMP_A0(SCMP_CMP_MASKED_EQ, kNamespaceFlags, 0)}));
  return Add(ctx, "clone3", SCMP_ACT_ERRNO(ENOSYS));
}

// The first syscall number of the native ABI from which libseccomp can
// name none: newer than it, so unknown to the profile.
int FirstUnknownSyscall() {
  int first = 0;
  for (int nr = 0; nr < 1024; ++nr) {
    char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
    if (name != nullptr) first = nr + 1;
    ::free(name);
  }
  return first;
}

// Puts in front of `prog` a check that answers ENOSYS, not EPERM, for
// native syscalls numbered `first_unknown` and up (x32's, with bit 30 set,
// excepted), so a libc falls back to an older call it knows, as runc does.
std::vector<sock_filter> WithEnosysForNewer(
    const std::vector<sock_filter>& prog, uint32_t first_unknown) {
  const uint32_t arch = seccomp_arch_native();
  std::vector<sock_filter> out = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arch, 0, 4),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 2, 0),
      BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, first_unknown, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
  };
  out.insert(out.end(), prog.begin(), prog.end());
  return out;
}

Expected<std::vector<sock_filter>> Export(scmp_filter_ctx ctx) {
  UniqueFd fd(::memfd_create("seccomp-bpf", MFD_CLOEXEC));
  if (!fd.valid()) return SysError("memfd_create", "seccomp-bpf", errno);
  RETURN_IF_ERROR(Check(seccomp_export_bpf(ctx, fd.get()), "export"));
  off_t size = ::lseek(fd.get(), 0, SEEK_END);
  if (size <= 0 || size % sizeof(sock_filter) != 0) {
    return Internal("seccomp: exported program has size " +
                    std::to_string(size));
  }
  std::vector<sock_filter> prog(static_cast<size_t>(size) /
                                sizeof(sock_filter));
  if (::pread(fd.get(), prog.data(), size, 0) != size) {
    return SysError("pread", "seccomp-bpf", errno);
  }
  return prog;
}

Expected<std::vector<sock_filter>> Build() {
  Ctx native(seccomp_init(SCMP_ACT_ERRNO(EPERM)));
  if (!native) return Internal("seccomp: seccomp_init failed");
  // A binary tree of syscall numbers, not a list: every syscall the step
  // makes goes through this filter.
  RETURN_IF_ERROR(Check(
      seccomp_attr_set(native.get(), SCMP_FLTATR_CTL_OPTIMIZE, 2), "optimize"));
  RETURN_IF_ERROR(AddRules(native.get()));
  if (seccomp_arch_native() == SCMP_ARCH_X86_64) {
    // The i386 and x32 ABIs get the same allowlist (Docker's archMap).
    Ctx compat(seccomp_init(SCMP_ACT_ERRNO(EPERM)));
    if (!compat) return Internal("seccomp: seccomp_init failed");
    RETURN_IF_ERROR(
        Check(seccomp_arch_remove(compat.get(), SCMP_ARCH_NATIVE), "arch"));
    RETURN_IF_ERROR(
        Check(seccomp_arch_add(compat.get(), SCMP_ARCH_X86), "arch x86"));
    RETURN_IF_ERROR(
        Check(seccomp_arch_add(compat.get(), SCMP_ARCH_X32), "arch x32"));
    RETURN_IF_ERROR(AddRules(compat.get()));
    // seccomp_merge takes ownership of `compat`.
    RETURN_IF_ERROR(
        Check(seccomp_merge(native.get(), compat.release()), "merge"));
  }
  ASSIGN_OR_RETURN(std::vector<sock_filter> prog, Export(native.get()));
  return WithEnosysForNewer(prog, FirstUnknownSyscall());
}

}  // namespace

Expected<const std::vector<sock_filter>*> DefaultSeccompProgram() {
  static std::once_flag once;
  static Expected<std::vector<sock_filter>>* program = nullptr;
  std::call_once(
      once, [] { program = new Expected<std::vector<sock_filter>>(Build()); });
  if (!program->ok()) return program->status();
  return &program->value();
}

}  // namespace mybuild::executor
