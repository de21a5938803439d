// --cache-to and --cache-from of `mybuild build`: the flags. The caches
// they name are opened by build_caches.h.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_line.h"

namespace mybuild::cli {

// Adds the repeatable --cache-to and --cache-from options to `app`.
void AddCacheFlags(CLI::App& app, BuildOptions& o);
// Checks every value with remote_cache::ParseCacheSpec; the first bad one
// is its usage error (kInvalidArgument), e.g.
//   invalid --cache-to "type=s3": unknown type "s3" (want local or registry)
Status CheckCacheFlags(const BuildOptions& o);

}  // namespace mybuild::cli
