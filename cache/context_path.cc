#include "cache/context_path.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "base/in_root_path.h"

namespace mybuild::cache {
namespace {

Status Failed(const std::string& path, int err) {
  return IoError("resolve \"/" + path + "\" in the build context: " +
                 std::strerror(err));
}

// lstat(2) and readlink(2) on `name` under the context directory `dir`,
// whose components are already known to be no symlinks.
Expected<InRootEntry> Look(const std::string& context,
                           const std::vector<std::string>& dir,
                           const std::string& name, const std::string& path) {
  std::string rel = JoinInRoot(dir);
  std::string host = context + "/" + rel + (rel.empty() ? "" : "/") + name;
  struct stat st;
  if (::lstat(host.c_str(), &st) != 0)
    return InRootEntry{InRootEntry::kMissing, ""};
  if (!S_ISLNK(st.st_mode)) return InRootEntry{InRootEntry::kPresent, ""};
  char buf[4096];
  ssize_t n = ::readlink(host.c_str(), buf, sizeof buf);
  if (n < 0) return Failed(path, errno);
  return InRootEntry{InRootEntry::kSymlink,
                     std::string(buf, static_cast<size_t>(n))};
}

}  // namespace

Expected<std::string> ResolveInContext(const std::string& context,
                                       const std::string& path,
                                       bool follow_last) {
  InRootWalk walk;
  walk.follow_last = follow_last;
  walk.step = [&](const std::vector<std::string>& dir, const std::string& name,
                  bool) { return Look(context, dir, name, path); };
  walk.too_many_links = [&] { return Failed(path, ELOOP); };
  return ResolveInRoot(path, walk);
}

}  // namespace mybuild::cache
