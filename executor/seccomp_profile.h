// Docker's default seccomp profile, compiled once into a BPF program that a
// sandbox child loads as its last step before execve.
#pragma once

#include <linux/filter.h>

#include <vector>

#include "base/status.h"

namespace mybuild::executor {

// The default profile for a process holding only DefaultCapabilities():
// the syscalls Docker's default profile allows are allowed (clone only
// without namespace flags, socket except AF_VSOCK, personality only for
// Docker's five values, chroot because CAP_SYS_CHROOT is kept, ptrace and
// process_vm_* on Linux 4.8 or later, as Docker does; without
// CAP_SYS_PTRACE the kernel still limits ptrace to the same user); clone3
// fails with ENOSYS so libcs fall back to clone; native syscall numbers
// above every one libseccomp can name (newer than it) fail with ENOSYS, as
// runc does, so libcs fall back to older calls; everything else (keyctl,
// add_key, request_key, bpf, mount, umount2, unshare, setns, kexec_load,
// open_by_handle_at, reboot, swapon, init_module, perf_event_open, ...) fails
// with EPERM. On x86_64 the i386 and x32 ABIs are filtered too. Built on first
// use and cached; fails (kInternal) only if libseccomp rejects the rules.
Expected<const std::vector<sock_filter>*> DefaultSeccompProgram();

}  // namespace mybuild::executor
