// --cache-to and --cache-from of `mybuild build`: the flags. The caches
// they name are opened by build_caches.h.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command_line.h"

namespace mybuild::cli {

// Adds the repeatable --cache-to and --cache-from options to `app`, each
// value checked by remote_cache::ParseCacheSpec (a bad one is a usage error).
void AddCacheFlags(CLI::App& app, BuildOptions& o);

}  // namespace mybuild::cli
