// --progress and BUILDKIT_PROGRESS: which printer a build uses.
#pragma once

#include <string>

#include "base/status.h"

namespace mybuild::cli::progress {

// Every mode, as --progress and BUILDKIT_PROGRESS spell them.
inline constexpr const char* kModes[] = {"auto", "plain", "tty", "rawjson", "quiet"};

// The mode a build uses: `flag` (the --progress value, "" when not given)
// wins over `env` (BUILDKIT_PROGRESS, "" when unset); neither means "auto".
// An env value that is not a mode is an error:
//   BUILDKIT_PROGRESS=x: not a progress mode (auto, plain, tty, rawjson or quiet)
// (the flag's value is checked by its parser).
Expected<std::string> ResolveProgressMode(const std::string& flag, const std::string& env);

bool IsProgressMode(const std::string& word);

}  // namespace mybuild::cli::progress
