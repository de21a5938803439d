#include "base/testing/shared_data.h"

#include <cstdlib>
#include <filesystem>

namespace mybuild::testing {

std::string SharedDataDir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (const char* env = std::getenv("MYBUILD_SHARED"); env && *env) {
    return fs::is_directory(env, ec) ? std::string(env) : "";
  }
  // In the runfiles tree this header is a symlink to the source checkout.
  fs::path header = fs::canonical("base/testing/shared_data.h", ec);
  if (ec) return "";
  fs::path candidate = header.parent_path().parent_path().parent_path()
                           .parent_path() / "shared";
  return fs::is_directory(candidate, ec) ? candidate.string() : "";
}

}  // namespace mybuild::testing
