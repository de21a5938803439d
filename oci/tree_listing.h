// For tests: a directory tree as text, one line per entry, so two trees
// (or a tree and what a test expects) compare as strings.
#pragma once

#include <string>

#include "base/status.h"

namespace mybuild::oci {

// Lines sorted by path, each
//   <path> <type> <mode> <uid>:<gid> <mtime> <detail>[ link#N][ xattr k=v]
// type: f d l c b p s; detail: file size and first 12 hex of its sha256,
// symlink target, or device major:minor. Files sharing an inode get the
// same link#N. Directory mtimes are included only with `dir_mtimes`.
Expected<std::string> ListTree(const std::string& root,
                               bool dir_mtimes = true);

}  // namespace mybuild::oci
