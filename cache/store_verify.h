// `mybuild cache verify`: reads the whole store and reports what is not as
// the writers promise (docs/cache-format.md). A store a killed build left
// behind verifies clean: its leftovers are only temp files.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "cache/store_paths.h"

namespace mybuild::cache {

struct VerifyReport {
  int blobs = 0;      // checked
  int records = 0;    // checked
  int snapshots = 0;  // seen (their content is not hashed)
  int tags = 0;
  // Temp files a killed writer left beside the files it was replacing
  // (".name.tmpN"); harmless, removed with `repair`.
  int leftovers = 0;
  // One line per problem, e.g.
  //   blob sha256:ab..: content hashes to sha256:cd..
  //   step record "ROOT/steps/ab...json" is corrupt
  //   step record ab..: its blob sha256:.. is missing
  //   image docker.io/library/app:1: blob sha256:.. is not in the store
  std::vector<std::string> problems;
  int repaired = 0;  // damaged files and leftovers removed (with `repair`)
};

// Hashes every blob and checks every step record (checksum, key, blob
// present) and every tag (manifest, config and layers present). With
// `repair`, damaged blobs and records and the leftovers are removed (what
// they held is made again by the next build that needs it); a tag is never
// removed. Fails only when a directory cannot be listed.
Expected<VerifyReport> VerifyStore(const StorePaths& paths, bool repair);

}  // namespace mybuild::cache
