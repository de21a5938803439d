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

// The owner of what COPY/ADD --chown writes and of the directories WORKDIR
// makes under a USER, as BuildKit resolves a `user[:group]` for files
// (llb.WithUser, then the solver's readUser), which differs from a RUN's:
// a number (or "root") is that uid and, with no group given, that gid too;
// a name is its passwd entry's uid and gid; a group is a number or a name
// from the group file. Never fails: a name not found leaves the ids as they
// were (0:0 for an unknown user, the user's gid for an unknown group).
ResolvedUser ResolveChown(const std::string& chown, const std::string& passwd,
                          const std::string& group);

}  // namespace mybuild::executor
