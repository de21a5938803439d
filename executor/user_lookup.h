// Resolves a Dockerfile USER value ("name", "uid", "name:group", "uid:gid")
// against the image's /etc/passwd and /etc/group, as Docker does.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::executor {

struct ResolvedUser {
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::vector<uint32_t> supplementary_gids;  // from /etc/group memberships
  std::string home = "/";                    // for HOME when unset
};

// `passwd` and `group` are the files' contents ("" when the image lacks
// them). A numeric user absent from passwd gets gid 0 (or the given group)
// and no supplementary groups; a name that is absent is an error:
//   unable to find user app: no matching entries in passwd file
// An empty `user` means root.
Expected<ResolvedUser> ResolveUser(const std::string& user,
                                   const std::string& passwd,
                                   const std::string& group);

}  // namespace mybuild::executor
