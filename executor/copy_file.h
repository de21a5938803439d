// Copying one regular file for COPY and ADD, with its metadata set through
// open fds: a copy of many small files is mostly these calls.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <string>

#include "base/fd.h"
#include "base/status.h"

namespace mybuild::executor {

// Copies the regular file `from` (as `st` describes it) to the new file
// `to`, replacing whatever an earlier source put there: content, owner
// `uid`:`gid`, `mode`, extended attributes (except the host's own, see
// oci::IsHostXattr, and file capabilities unless `capabilities`) and st's
// mtime. Never follows a symlink at either end.
// Errors: create "<to>": ..., copy "<from>": file shrank while copying.
Status CopyRegular(const std::string& from, const std::string& to,
                   const struct stat& st, uint32_t uid, uint32_t gid,
                   mode_t mode, bool capabilities);

// Makes `path` a hard link to `target`, replacing what is at `path`.
Status LinkReplacing(const std::string& target, const std::string& path);

}  // namespace mybuild::executor
