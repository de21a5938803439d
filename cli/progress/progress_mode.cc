#include "cli/progress/progress_mode.h"

namespace mybuild::cli::progress {

bool IsProgressMode(const std::string& word) {
  for (const char* m : kModes) {
    if (word == m) return true;
  }
  return false;
}

Expected<std::string> ResolveProgressMode(const std::string& flag, const std::string& env) {
  if (!flag.empty()) return flag;
  if (env.empty()) return std::string("auto");
  if (!IsProgressMode(env)) {
    return InvalidArgument("BUILDKIT_PROGRESS=" + env +
                           ": not a progress mode (auto, plain, tty, rawjson or quiet)");
  }
  return env;
}

}  // namespace mybuild::cli::progress
