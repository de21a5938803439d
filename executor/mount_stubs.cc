#include "executor/mount_stubs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>

namespace mybuild::executor {
namespace {

bool InAnyLower(const SandboxSpec& spec, const std::string& rel) {
  struct stat st;
  for (const std::string& lower : spec.lower_dirs) {
    if (::lstat((lower + "/" + rel).c_str(), &st) == 0) return true;
  }
  return false;
}

bool IsEmpty(const std::string& path, const struct stat& st) {
  if (S_ISREG(st.st_mode)) return st.st_size == 0;
  if (!S_ISDIR(st.st_mode)) return false;
  std::error_code ec;
  return std::filesystem::is_empty(path, ec) && !ec;
}

}  // namespace

Status RemoveMountStubs(const SandboxSpec& spec) {
  const std::vector<std::string>& stubs = MountStubPaths();
  for (auto it = stubs.rbegin(); it != stubs.rend(); ++it) {
    std::string path = spec.upper_dir + "/" + *it;
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) continue;
    if (InAnyLower(spec, *it) || !IsEmpty(path, st)) continue;
    int rc = S_ISDIR(st.st_mode) ? ::rmdir(path.c_str()) : ::unlink(path.c_str());
    if (rc != 0) return SysError("remove", path, errno);
  }
  return Status::Ok();
}

}  // namespace mybuild::executor
