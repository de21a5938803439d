// For tests of what a rootless build meets: running code as root of a new
// user namespace, with every capability there and none in the host's
// (CAP_MKNOD, for one, is the host's only).
#pragma once

#include <functional>
#include <string>

namespace mybuild::testing {

// Runs `fn` in a forked child that has entered a new user namespace mapping
// its uid and gid 0 to the caller's (so a tree the caller owns stays
// writable); "ok" when fn returned true, else what went wrong. The caller
// must be root.
std::string RunInUserNamespace(const std::function<bool()>& fn);

}  // namespace mybuild::testing
