// Watching a running sandbox from the builder through the host's /proc:
// finding its pid 1, telling whether everything in it is stopped, and
// killing it. `intermediate` is the builder's child, the process between
// the builder and the sandbox; its only child is the sandbox's pid 1.
#pragma once

#include <sys/types.h>

namespace mybuild::executor::watch {

// The host pid of the sandbox's pid 1, or 0 while it has none (not yet
// forked, or already reaped).
pid_t SandboxInit(pid_t intermediate);

// True when every thread of every process in the sandbox (pid 1 and its
// descendants, found through /proc/PID/task/TID/children) is stopped, by a
// signal (state T) or in a ptrace stop (t), or is a zombie, or sleeps
// waiting for a child or a signal (wchan do_wait or sigsuspend, with no
// POSIX timer), and at least one is stopped: nothing inside can run again,
// and nothing outside is expected to continue it. (The sandbox's pid 1
// cannot be stopped from inside; a shell waiting for a stopped command is
// the usual case.) A process waiting for an alarm(2) it set is not seen as
// able to run. False when any other thread runs or sleeps, when pid 1 is
// not there, or when a process went away while the tree was read.
bool AllStopped(pid_t intermediate);

// SIGKILLs the sandbox's pid 1 by its host pid (through a pidfd, checked to
// be the intermediate's child, so a reused pid is never hit), which ends
// its pid namespace even when it left the process group (setsid) and lost
// its parent-death signal; then the process group and the intermediate.
void KillSandbox(pid_t intermediate);

}  // namespace mybuild::executor::watch
