// The value of --cache-to and --cache-from, as buildx spells it:
//   type=local,dest=DIR[,mode=min|max][,tag=NAME][,ignore-error=true|false]
//   type=local,src=DIR[,tag=NAME]
//   type=registry,ref=REG/REPO:TAG[,mode=min|max][,image-manifest=true|false]...
//   type=inline (--cache-to only: the records in the image's config)
// Pure parsing, no I/O.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace mybuild::remote_cache {

enum class CacheMode {
  kMin,  // the steps of the final image: the target stage and its FROM stages
  kMax,  // every step of every stage the build ran
};

struct CacheSpec {
  std::string type;           // "local", "registry" or (--cache-to) "inline"
  std::string dir;            // local: dest= (export) or src= (import)
  std::string ref;            // registry: ref=
  std::string tag = "cache";  // local: the index entry's ref.name
  CacheMode mode = CacheMode::kMin;
  bool ignore_error = true;  // failures are notes, the build goes on
  bool cache_mounts =
      false;  // --cache-to: export RUN --mount=type=cache contents
  // --cache-to: image-manifest=true writes a cache manifest; the default
  // (false, as BuildKit) a cache index. Imports read both.
  bool image_manifest = false;
  // How messages name the cache: "type=local,dest=/c" (type and location).
  std::string name;
};

// Parses one flag value; `to` is true for --cache-to (dest=, mode=),
// false for --cache-from (src=). Fails with kInvalidArgument, e.g.
//   invalid --cache-to "type=s3": unknown type "s3" (want local or registry, or
//   inline) invalid --cache-from "type=local": type=local needs src=DIR invalid
//   --cache-to "type=local,dest=d,mode=all": mode must be min or max invalid
//   --cache-to "type=local,dest=d,colour=red": unknown key "colour"
Expected<CacheSpec> ParseCacheSpec(std::string_view text, bool to);

}  // namespace mybuild::remote_cache
