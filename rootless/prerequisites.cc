#include "rootless/prerequisites.h"

#include <pwd.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace mybuild::rootless {
namespace {

std::string ReadText(const std::string& path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string OnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string p = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(p.c_str(), X_OK) == 0) return p;
  }
  return "";
}

bool ParseU32(const std::string& s, uint32_t* out) {
  if (s.empty() || s.size() > 10) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > 0xffffffffu) return false;
  *out = static_cast<uint32_t>(v);
  return true;
}

// Overlay in a user namespace came with Linux 5.11.
bool KernelAllowsUsernsOverlay() {
  struct utsname u;
  if (::uname(&u) != 0) return false;
  int major = 0, minor = 0;
  if (std::sscanf(u.release, "%d.%d", &major, &minor) != 2) return false;
  return major > 5 || (major == 5 && minor >= 11);
}

}  // namespace

Expected<IdRange> FindRange(const std::string& file_text, const std::string& user,
                            uint32_t uid) {
  std::stringstream lines(file_text);
  std::string line;
  const std::string uid_text = std::to_string(uid);
  while (std::getline(lines, line)) {
    size_t a = line.find(':');
    size_t b = a == std::string::npos ? a : line.find(':', a + 1);
    if (b == std::string::npos) continue;
    std::string name = line.substr(0, a);
    if (name != user && name != uid_text) continue;
    IdRange r;
    if (!ParseU32(line.substr(a + 1, b - a - 1), &r.start) ||
        !ParseU32(line.substr(b + 1), &r.count) || r.count == 0)
      continue;
    return r;
  }
  return NotFound("no range for " + user);
}

Expected<Ranges> CheckPrerequisites(const HostFacts& f) {
  if (f.userns_clone == "0" || f.max_user_namespaces == "0") {
    return Unavailable(
        "rootless: unprivileged user namespaces are disabled on this host; as root run "
        "`sysctl -w kernel.unprivileged_userns_clone=1` (Debian) and "
        "`sysctl -w user.max_user_namespaces=15000`, or run mybuild as root");
  }
  if (f.newuidmap.empty() || f.newgidmap.empty()) {
    return Unavailable(
        "rootless: newuidmap/newgidmap not found on PATH; as root run "
        "`apt-get install uidmap`, or run mybuild as root");
  }
  Ranges r;
  Expected<IdRange> uids = FindRange(f.subuid, f.user, f.uid);
  Expected<IdRange> gids = FindRange(f.subgid, f.user, f.uid);
  if (!uids.ok() || !gids.ok()) {
    return Unavailable("rootless: user " + f.user +
                       " has no subordinate " + (uids.ok() ? "gid" : "uid") +
                       " range in " + (uids.ok() ? "/etc/subgid" : "/etc/subuid") +
                       "; as root run `usermod --add-subuids 100000-165535 "
                       "--add-subgids 100000-165535 " + f.user + "`");
  }
  r.uids = *uids;
  r.gids = *gids;
  if (!f.kernel_overlay && f.fuse_overlayfs.empty()) {
    return Unavailable(
        "rootless: this kernel does not mount overlay in a user namespace (needs Linux "
        "5.11+) and fuse-overlayfs is not installed; as root run "
        "`apt-get install fuse-overlayfs`");
  }
  return r;
}

HostFacts ReadHostFacts() {
  HostFacts f;
  f.uid = ::getuid();
  if (const struct passwd* pw = ::getpwuid(f.uid)) f.user = pw->pw_name;
  if (f.user.empty()) f.user = std::to_string(f.uid);
  f.subuid = ReadText("/etc/subuid");
  f.subgid = ReadText("/etc/subgid");
  f.newuidmap = OnPath("newuidmap");
  f.newgidmap = OnPath("newgidmap");
  auto trim = [](std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
  };
  f.max_user_namespaces = trim(ReadText("/proc/sys/user/max_user_namespaces"));
  f.userns_clone = trim(ReadText("/proc/sys/kernel/unprivileged_userns_clone"));
  f.kernel_overlay = KernelAllowsUsernsOverlay();
  f.fuse_overlayfs = OnPath("fuse-overlayfs");
  return f;
}

}  // namespace mybuild::rootless
