#include "rootless/state_dirs.h"

namespace mybuild::rootless {
namespace {

bool Absolute(const std::string& p) { return !p.empty() && p[0] == '/'; }

}  // namespace

std::string UserStateDir(const Getenv& getenv) {
  std::string data = getenv("XDG_DATA_HOME");
  if (Absolute(data)) return data + "/mybuild";
  return getenv("HOME") + "/.local/share/mybuild";
}

std::string UserRuntimeDir(const Getenv& getenv, unsigned uid) {
  std::string run = getenv("XDG_RUNTIME_DIR");
  if (Absolute(run)) return run + "/mybuild";
  return "/tmp/mybuild-" + std::to_string(uid);
}

}  // namespace mybuild::rootless
