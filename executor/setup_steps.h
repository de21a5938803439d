// The steps a sandbox child takes between clone() and execve(), in order.
// Each is small, names its syscall and path on failure, and runs inside the
// child's own mount, pid, uts, ipc (and, for --network=none, net)
// namespaces, so nothing it mounts is visible to the host.
#pragma once

#include <linux/filter.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "base/status.h"
#include "executor/sandbox_spec.h"

namespace mybuild::executor::setup {

// Asks for SIGKILL when the builder thread that cloned us dies, and fails
// ("builder exited") if it already has: `report_fd` is our end of a socket
// whose other end only the builder holds. Repeated after SwitchUser, since
// changing credentials clears the request.
Status DieWithBuilder(int report_fd);
// The same for the sandbox's pid 1 and the process between it and the
// builder, which a stopped build kills: `life_fd` is the read end of a pipe
// whose write end only that parent holds, so a parent killed before the
// request was in place is seen ("sandbox parent exited"). Closes `life_fd`.
Status DieWithParent(int life_fd);
// mount(2); the error names the call (mount <type>, or mount bind) and
// `shown`, the target as the root sees it: mount proc "/proc": ...
Status Mount(const std::string& source, const std::string& target,
             const char* type, unsigned long flags, const std::string& data,
             const std::string& shown);
// Stops mount events from propagating back to the host.
Status MakeMountsPrivate();
// An overlay with a writable upper dir, mounted "volatile": its upper and
// work dirs are a step's own, fresh and never mounted again, and what is
// kept of them (the snapshot) is not fsynced (docs/cache-format.md), so
// nothing is lost by it. Without it the overlay's unmount, when the
// sandbox's mount namespace goes, syncs the whole filesystem the upper dir
// is on (every dirty page of every process), and each RUN step waited for
// that flush. On a kernel without the option (before 5.10: EINVAL) the
// overlay is mounted without it.
Status MountVolatileOverlay(const std::string& target, unsigned long flags,
                            const std::string& data, const std::string& shown);
// The same, as the errno of the last mount tried (0: mounted).
int MountVolatileOverlayErrno(const std::string& target, unsigned long flags,
                              const std::string& data);
// Mounts the overlay (lower dirs + upper dir) at spec.mount_dir: the
// kernel's, or in a user namespace where the kernel refuses it (EPERM,
// EINVAL), fuse-overlayfs; MYBUILD_FORCE_FUSE_OVERLAYFS=1 skips the kernel's
// (the tests' way to reach the fallback on a kernel that allows overlay).
Status MountRootOverlay(const SandboxSpec& spec,
                        const std::string& empty_lower);
inline constexpr char kForceFuseOverlayfsEnv[] = "MYBUILD_FORCE_FUSE_OVERLAYFS";
inline constexpr char kFuseOverlayfs[] = "/usr/bin/fuse-overlayfs";
Status MountFuseOverlayfs(const SandboxSpec& spec, const std::string& empty_lower);
// Each of the following mounts onto its mount point as resolved inside
// `root` (OpenMountTarget: made when missing, refused when it resolves to
// the root or into /proc or /sys), so no link of the image's can send it,
// or a mount point made for it, out of the root.
// A fresh /proc for the new pid namespace, with Docker's masked paths
// (kcore, keys, timer_list, acpi, asound, ...) and read-only ones (bus, fs,
// irq, sys, sysrq-trigger); those the kernel lacks are skipped.
Status MountProc(const std::string& root);
// /dev as a tmpfs holding only null, zero, full, random, urandom, tty, a
// private devpts with ptmx, and shm (a tmpfs of `shm_size` bytes).
Status MountDev(const std::string& root, uint64_t shm_size);
// /sys, read-only, with Docker's masked paths (firmware, powercap).
Status MountSys(const std::string& root);
// Binds the generated hosts, resolv.conf and hostname over /etc's,
// read-only; a link there (resolv.conf -> ../run/...) is followed inside
// the root, and what it leads to made when missing.
Status MountEtcFiles(const SandboxSpec& spec);
// Mounts each of spec.mounts at its target, resolved inside the root as
// above (OpenMountTarget); missing targets are made as directories or
// empty files to match the source.
Status MountRunMounts(const SandboxSpec& spec);
// Makes `root` the new root and detaches the old one.
Status PivotRoot(const std::string& root);
Status SetHostname(const std::string& hostname);
// setns(2) into the step's own network namespace (kPrivate), whose lo and
// tap0 slirp4netns has already brought up; closes `netns_fd`.
Status JoinNetwork(int netns_fd);
// Brings up `lo` in a fresh network namespace.
Status BringUpLoopback();
// Bounds capabilities to DefaultCapabilities() and clears the ambient and
// inheritable sets.
Status DropCapabilities();
// setrlimit for each of spec.rlimits; a hard limit above the builder's
// own, which only CAP_SYS_RESOURCE may raise, is capped at the builder's.
Status SetRlimits(const SandboxSpec& spec);
// Closes every descriptor above 2 except those in `keep` (at most 8), so no
// directory or file of the builder can be reached, not even through
// /proc/self/fd, and no pipe of another step is held open: the process
// between the builder and the sandbox does it first thing, as fds that are
// close-on-exec stay open in a process that never execs (another step's
// output pipe would then not see its end until this sandbox's command
// ends). Pid 1 does it again just before exec, keeping only the report
// socket (close-on-exec).
Status CloseInheritedFds(std::initializer_list<int> keep);
// chdir to spec.cwd (as root, like runc, so a USER without access to it
// still starts there), then checks the result lies inside the root: a cwd
// such as /proc/self/fd/N must not lead out of it.
Status EnterWorkdir(const SandboxSpec& spec);
// Loads the seccomp program. It comes before SwitchUser, as in runc when
// no_new_privs is off (Docker's default): loading needs CAP_SYS_ADMIN,
// which the switch to a non-root user gives up. The steps after it use
// only syscalls the profile allows.
Status ApplySeccomp(const std::vector<sock_filter>& program);
// setgroups, setgid, setuid, in that order.
Status SwitchUser(const SandboxSpec& spec);
// execve the command (argv[0] looked up in the env's PATH); returns only
// on failure.
Status ExecCommand(const SandboxSpec& spec);

}  // namespace mybuild::executor::setup
