// What a rootless build needs from the host, checked before entering a user
// namespace, each failure naming the missing piece and its fix.
#ifndef MYBUILD_ROOTLESS_PREREQUISITES_H_
#define MYBUILD_ROOTLESS_PREREQUISITES_H_

#include <cstdint>
#include <string>

#include "base/status.h"

namespace mybuild::rootless {

// One line of /etc/subuid or /etc/subgid: `user:start:count`.
struct IdRange {
  uint32_t start = 0;
  uint32_t count = 0;
};

// The facts the checks read, gathered by ReadHostFacts (tests fill them in).
struct HostFacts {
  std::string user;                // the caller's login name
  uint32_t uid = 0;                // the caller's uid
  std::string subuid;              // contents of /etc/subuid ("" if absent)
  std::string subgid;              // contents of /etc/subgid
  std::string newuidmap;           // path found on PATH, "" if absent
  std::string newgidmap;
  std::string max_user_namespaces; // /proc/sys/user/max_user_namespaces
  std::string userns_clone;        // /proc/sys/kernel/unprivileged_userns_clone ("" if none)
  bool kernel_overlay = false;     // overlay allowed in a user namespace (5.11+)
  std::string fuse_overlayfs;      // path found on PATH, "" if absent
};

// The first range of `user` (or of its uid written as a number) in a
// subuid/subgid file; NotFound-style error if the user has none.
Expected<IdRange> FindRange(const std::string& file_text, const std::string& user, uint32_t uid);

// Both ranges of a caller that may build rootless.
struct Ranges {
  IdRange uids;
  IdRange gids;
};

// Checks every prerequisite, in the order a user would fix them; the error
// names what is missing and the command that fixes it.
Expected<Ranges> CheckPrerequisites(const HostFacts& facts);

// Reads the facts of this host for the calling user.
HostFacts ReadHostFacts();

}  // namespace mybuild::rootless

#endif  // MYBUILD_ROOTLESS_PREREQUISITES_H_
