// ADD of a local archive: a tar, plain or compressed (gzip, bzip2, xz,
// zstd), extracted at the destination without anything escaping it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "oci/tar_limits.h"

namespace mybuild::executor {

// Whether the file at `path` is a tar archive ADD extracts (detected from
// its bytes, as Docker does, never from its name).
bool IsArchive(const std::string& path);

struct ExtractOptions {
  std::optional<uint32_t> uid, gid;  // ADD --chown; else the archive's
  oci::TarLimits limits;
};

// Extracts the archive at `path` into the existing directory `dir` as if
// `dir` were "/": absolute names, "..", symlinks and hardlinks all resolve
// inside it. Modes, mtimes, device nodes and extended attributes (file
// capabilities: SCHILY.xattr.*; not overlay or SELinux ones) are the
// archive's; owners too unless --chown is given. Every error names the
// archive by its file name and the entry by number (from 1), e.g.
//   ADD a.tar: entry 1 "../x": path escapes the destination
//   ADD a.tar: entry 2 "d/.wh.x": ".wh." names are whiteouts, refused in ADD
//   ADD a.tar: entry 3 "./": only a directory can name the root
//   ADD a.tar: entry 1000001: more than 1000000 entries   (options.limits)
// with nothing outside `dir` touched.
Status ExtractArchive(const std::string& path, const std::string& dir,
                      const ExtractOptions& options);
inline Status ExtractArchive(const std::string& path, const std::string& dir,
                             std::optional<uint32_t> uid,
                             std::optional<uint32_t> gid) {
  return ExtractArchive(path, dir, ExtractOptions{uid, gid, {}});
}

}  // namespace mybuild::executor
