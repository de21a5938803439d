// The process exit code for a failure, so CI can tell a wrong password
// from a registry that is down (documented in the README).
#pragma once

#include "base/status.h"
#include "cli/command_line.h"

namespace mybuild::cli {

inline constexpr int kExitAuth = 3;  // credentials missing or rejected
inline constexpr int kExitUnreachable =
    4;  // registry unreachable, retries exhausted
inline constexpr int kExitRejected = 5;  // the registry refused the manifest

// kUnauthenticated -> kExitAuth, kUnavailable and kUntrusted (a registry's
// TLS certificate is not trusted) -> kExitUnreachable,
// kRejected -> kExitRejected, a "usage: ..." kInvalidArgument -> kExitUsage,
// anything else (a build failure) -> kExitFailed.
int ExitCodeFor(const Status& st);

// Writes "mybuild: <message>" to `err` and returns ExitCodeFor(st).
int Fail(std::ostream& err, const Status& st);

}  // namespace mybuild::cli
