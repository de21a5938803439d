#include "rootless/state_dirs.h"

#include <sys/stat.h>

#include <cerrno>

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

bool PrepareRuntimeDir(const std::string& dir, unsigned uid) {
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return false;
  struct stat st;
  if (::lstat(dir.c_str(), &st) != 0) return false;
  return S_ISDIR(st.st_mode) && st.st_uid == uid && (st.st_mode & 077) == 0;
}

}  // namespace mybuild::rootless
