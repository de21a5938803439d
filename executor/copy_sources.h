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
  // The name it lands under in a directory destination: the source's last
  // component as written, also when rel is where a symlink source leads;
  // "" for rel's own last component.
  std::string name = {};
};

// The items `pattern` names in `root` (Go filepath.Match wildcards, sorted;
// "." for the root). `excluded` (the .dockerignore, or null) hides paths.
// A match that is a symlink is followed inside the root (BuildKit copies
// with FollowSymlinks: a source link copies what it leads to, under its own
// name); links below a copied directory stay links. Matches that are gone
// once resolved in the root are dropped. A pattern climbing out of the root
// fails:
//   COPY failed: forbidden path outside the build context: ../x
Expected<std::vector<CopyItem>> FindSources(
    const std::string& root, const std::string& pattern, bool parents,
    const std::function<bool(const std::string&)>& excluded);

// Whether `pattern` may match nothing without failing the COPY, as long as
// another source of it matches (BuildKit's AllowEmptyWildcard): it holds a
// wildcard no '\' escapes.
bool MayMatchNothing(const std::string& pattern);

}  // namespace mybuild::executor
