// Entering a user namespace as an ordinary user: the caller becomes uid/gid 0
// and its /etc/subuid and /etc/subgid ranges become 1..COUNT, through the
// setuid helpers newuidmap/newgidmap (Debian's uidmap), then a private mount
// namespace. After it the process holds every capability over what it
// creates (mounts, namespaces for RUN steps) and stat() shows the ids files
// have inside, so layers carry the image's owners.
#ifndef MYBUILD_ROOTLESS_USER_NAMESPACE_H_
#define MYBUILD_ROOTLESS_USER_NAMESPACE_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "base/status.h"
#include "rootless/prerequisites.h"

namespace mybuild::rootless {

// The argv of `newuidmap PID 0 ID 1 1 START COUNT` (or newgidmap).
std::vector<std::string> IdMapArgv(const std::string& tool, pid_t pid, uint32_t id,
                                   const IdRange& range);

// Maps the calling (single-threaded) process as described above: the
// caller's uid is facts.uid, its gid `gid`. Errors name the step that failed.
Status EnterUserNamespace(const HostFacts& facts, const Ranges& ranges, uint32_t gid);

// The whole entry for cli: reads this host's facts, checks the prerequisites
// (the error names the fix) and enters. For a caller whose euid is not 0.
Status EnterRootless();


}  // namespace mybuild::rootless

#endif  // MYBUILD_ROOTLESS_USER_NAMESPACE_H_
