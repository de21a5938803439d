#include "oci/overlay_xattrs.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace mybuild::oci {

bool UidMapIsInitial(const std::string& uid_map) {
  std::istringstream in(uid_map);
  unsigned long long inside = 1, outside = 1, count = 0;
  if (!(in >> inside >> outside >> count)) return true;  // no user namespaces at all
  std::string more;
  return inside == 0 && outside == 0 && count == 4294967295ull && !(in >> more);
}

bool OverlayUsesUserXattrs() {
  static const bool user = [] {
    std::ifstream f("/proc/self/uid_map");
    std::stringstream ss;
    ss << f.rdbuf();
    return !UidMapIsInitial(ss.str());
  }();
  return user;
}

bool UpperMayHoldFuseOverlayfsMarks() {
  static const bool may = [] {
    const char* force = std::getenv("MYBUILD_FORCE_FUSE_OVERLAYFS");
    return OverlayUsesUserXattrs() || (force != nullptr && std::string(force) == "1");
  }();
  return may;
}

const std::string& OverlayOpaqueXattr() {
  static const std::string key =
      OverlayUsesUserXattrs() ? "user.overlay.opaque" : "trusted.overlay.opaque";
  return key;
}

}  // namespace mybuild::oci
