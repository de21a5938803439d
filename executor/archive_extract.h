// ADD of a local archive: a tar, plain or compressed (gzip, bzip2, xz,
// zstd), extracted at the destination without anything escaping it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"

namespace mybuild::executor {

// Whether the file at `path` is a tar archive ADD extracts (detected from
// its bytes, as Docker does, never from its name).
bool IsArchive(const std::string& path);

// Extracts the archive at `path` into the existing directory `dir` as if
// `dir` were "/": absolute names, "..", symlinks and hardlinks all resolve
// inside it. Modes, mtimes and device nodes are the archive's; owners too
// unless `uid`/`gid` (ADD --chown) are given. An entry that would climb out
// fails, naming it, with nothing outside `dir` touched:
//   archive entry "../x": path escapes the destination
Status ExtractArchive(const std::string& path, const std::string& dir,
                      std::optional<uint32_t> uid, std::optional<uint32_t> gid);

}  // namespace mybuild::executor
