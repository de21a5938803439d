// The steps a sandbox child takes between clone() and execve(), in order.
// Each is small, names its syscall and path on failure, and runs inside the
// child's own mount, pid, uts, ipc (and, for --network=none, net)
// namespaces, so nothing it mounts is visible to the host.
#pragma once

#include <string>

#include "base/status.h"
#include "executor/sandbox_spec.h"

namespace mybuild::executor::setup {

// Stops mount events from propagating back to the host.
Status MakeMountsPrivate();
// Mounts the overlay (lower dirs + upper dir) at spec.mount_dir.
Status MountRootOverlay(const SandboxSpec& spec, const std::string& empty_lower);
// A fresh /proc for the new pid namespace, with Docker's masked and
// read-only paths.
Status MountProc(const std::string& root);
// /dev as a tmpfs holding only null, zero, full, random, urandom, tty, a
// private devpts with ptmx, and shm.
Status MountDev(const std::string& root);
// /sys, read-only.
Status MountSys(const std::string& root);
// Binds the generated hosts, resolv.conf and hostname over /etc's.
Status MountEtcFiles(const SandboxSpec& spec);
// Makes `root` the new root and detaches the old one.
Status PivotRoot(const std::string& root);
Status SetHostname(const std::string& hostname);
// Brings up `lo` in a fresh network namespace.
Status BringUpLoopback();
// Bounds capabilities to DefaultCapabilities() and clears the ambient and
// inheritable sets.
Status DropCapabilities();
// setgroups, setgid, setuid, in that order.
Status SwitchUser(const SandboxSpec& spec);
// Marks every descriptor above 2 close-on-exec, so nothing of the builder
// reaches the command.
Status CloseInheritedFds();
// chdir to spec.cwd and execve the command; returns only on failure.
Status ExecCommand(const SandboxSpec& spec);

}  // namespace mybuild::executor::setup
