// RUN --mount=... specifications (bind, cache, tmpfs, secret, ssh).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace mybuild::frontend {

enum class MountType { kBind, kCache, kTmpfs, kSecret, kSsh };
enum class CacheSharing { kShared, kPrivate, kLocked };

// One --mount. String fields are unexpanded (they may hold $VARS, which the
// planner expands); typed fields must be literal.
struct MountSpec {
  MountType type = MountType::kBind;
  std::string target;   // target= / dst= / destination=
  std::string source;   // source= / src=
  std::string from;     // from=: a stage name or image (never a variable)
  std::string id;       // id=: cache id, secret id or ssh id
  std::string env;      // env=: secret exposed as an environment variable
  bool readonly = true; // default: true for bind/secret/ssh, false otherwise
  bool required = false;                 // secret/ssh only
  CacheSharing sharing = CacheSharing::kShared;  // cache only
  std::optional<uint32_t> mode;          // octal; cache/secret/ssh only
  std::optional<uint32_t> uid, gid;      // cache/secret/ssh only
  std::optional<uint64_t> size;          // tmpfs size= in bytes
};

// Parses the value of one --mount flag: comma-separated (CSV, so a field
// may be double-quoted) `key=value` fields, plus the bare keys ro, readonly,
// rw, readwrite and required. Keys are case-insensitive. Fails
// (InvalidArgument) with BuildKit's wording where it has one, e.g.
//   unexpected key 'tagret' in 'tagret=/x' (did you mean target?)
//   unsupported mount type "bnd" (did you mean bind?)
//   mode not allowed for "bind" type mounts
// and when a typed field (type, sharing, mode, uid, gid, size, readonly,
// readwrite, required) or from= holds a `$`.
Expected<MountSpec> ParseMount(std::string_view value);

// "bind", "cache", "tmpfs", "secret", "ssh".
const char* MountTypeName(MountType type);

}  // namespace mybuild::frontend
