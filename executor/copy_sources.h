// COPY/ADD sources found in a root (the build context, or a stage mounted
// for the copy): wildcards expanded, and every directory on the way
// resolved inside the root, so neither `..` nor a symlink reaches outside.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace mybuild::executor {

// One thing to copy.
struct CopyItem {
  std::string root;  // host directory the source is in
  std::string rel;   // its clean path in root; "" is root itself
  // Under --parents: the path kept below the destination (rel, or what
  // follows a "/./" in the pattern); "" otherwise.
  std::string keep;
  bool context = false;  // .dockerignore applies to what is under it
  bool unpack = false;   // ADD: a local archive, extracted at the destination
};

// The items `pattern` names in `root` (Go filepath.Match wildcards, sorted;
// "." for the root). `excluded` (the .dockerignore, or null) hides paths.
// Matches that are gone once their directories are resolved in the root
// are dropped. A pattern climbing out of the root fails:
//   COPY failed: forbidden path outside the build context: ../x
Expected<std::vector<CopyItem>> FindSources(
    const std::string& root, const std::string& pattern, bool parents,
    const std::function<bool(const std::string&)>& excluded);

}  // namespace mybuild::executor
