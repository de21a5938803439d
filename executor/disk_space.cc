#include "executor/disk_space.h"

#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "cache/store_inventory.h"

namespace mybuild::executor {
namespace {

constexpr int64_t kNearlyFull = 1 << 20;

struct Space {
  int64_t bytes;
  bool inodes_left;
};

std::optional<Space> FreeSpace(const std::string& probe) {
  struct statvfs s;
  if (::statvfs(probe.c_str(), &s) != 0) return std::nullopt;
  return Space{static_cast<int64_t>(s.f_bavail) * static_cast<int64_t>(s.f_frsize),
               s.f_files == 0 || s.f_favail > 0};
}

std::string Where(const Space& space, const std::string& name) {
  return " on the filesystem of " + name + " (" +
         (space.inodes_left ? cache::HumanSize(space.bytes) + " free" : "no inode free") + ")";
}

}  // namespace

std::string NoSpaceNote(const std::string& probe, const std::string& name) {
  std::optional<Space> space = FreeSpace(probe);
  if (!space || (space->bytes >= kNearlyFull && space->inodes_left)) return "";
  return std::strerror(ENOSPC) + Where(*space, name);
}

Status WithSpaceNote(const Status& st, const std::string& probe, const std::string& name) {
  const std::string tail = std::string(": ") + std::strerror(ENOSPC);
  const std::string& m = st.message();
  if (st.code() != ErrorCode::kIo || m.size() < tail.size() || m.compare(m.size() - tail.size(), tail.size(), tail)) {
    return st;
  }
  std::optional<Space> space = FreeSpace(probe);
  if (!space) return st;
  return Status(st.code(), m + Where(*space, name));
}

}  // namespace mybuild::executor
