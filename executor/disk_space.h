// Telling a user that the store's disk is full, and where, instead of only
// "exit code: 1" or a write error on a temp file.
#pragma once

#include <string>

#include "base/status.h"

namespace mybuild::executor {

// "No space left on device on the filesystem of NAME (0B free)" when the
// filesystem holding `probe` has less than 1 MiB, or no inode, left for an
// unprivileged writer (statvfs f_bavail, f_favail); else "" (also when it
// cannot be asked). `name` is what the user knows it by: the store's root.
std::string NoSpaceNote(const std::string& probe, const std::string& name);

// `st` with " on the filesystem of NAME (N free)" added when it is a
// SysError for ENOSPC (kIo, ending "...: No space left on device"),
// e.g. `write "/r/tmp/build-x/blob-1-2": No space left on device on the
// filesystem of /r (3.1MB free)`; any other status as it is.
Status WithSpaceNote(const Status& st, const std::string& probe, const std::string& name);

}  // namespace mybuild::executor
