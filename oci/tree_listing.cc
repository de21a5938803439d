#include "oci/tree_listing.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

#include "base/fd.h"
#include "base/sha256.h"
#include "oci/xattrs.h"

namespace mybuild::oci {
namespace {

struct Lister {
  std::string root;
  bool dir_mtimes;
  std::map<std::pair<dev_t, ino_t>, int> links;
  std::vector<std::string> lines;

  Status Dir(const std::string& rel);
  Status One(const std::string& rel);
};

char TypeChar(mode_t m) {
  if (S_ISREG(m)) return 'f';
  if (S_ISDIR(m)) return 'd';
  if (S_ISLNK(m)) return 'l';
  if (S_ISCHR(m)) return 'c';
  if (S_ISBLK(m)) return 'b';
  if (S_ISFIFO(m)) return 'p';
  return 's';
}

Status Lister::One(const std::string& rel) {
  std::string full = root + "/" + rel;
  struct stat st;
  if (::lstat(full.c_str(), &st) != 0) return SysError("lstat", full, errno);
  char head[128];
  std::snprintf(head, sizeof(head), " %c %04o %u:%u", TypeChar(st.st_mode),
                st.st_mode & 07777, st.st_uid, st.st_gid);
  std::string line = rel + head;
  if (!S_ISDIR(st.st_mode) || dir_mtimes) {
    line += " " + std::to_string(st.st_mtim.tv_sec);
  }
  if (S_ISREG(st.st_mode)) {
    ASSIGN_OR_RETURN(std::string hex, Sha256File(full));
    line += " " + std::to_string(st.st_size) + ":" + hex.substr(0, 12);
  } else if (S_ISLNK(st.st_mode)) {
    std::string t(st.st_size + 1, '\0');
    t.resize(std::max<ssize_t>(0, ::readlink(full.c_str(), t.data(), t.size())));
    line += " -> " + t;
  } else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
    line += " " + std::to_string(major(st.st_rdev)) + ":" +
            std::to_string(minor(st.st_rdev));
  }
  if (!S_ISDIR(st.st_mode) && st.st_nlink > 1) {
    auto [it, _] = links.emplace(std::pair(st.st_dev, st.st_ino),
                                 static_cast<int>(links.size()) + 1);
    line += " link#" + std::to_string(it->second);
  }
  ASSIGN_OR_RETURN(Xattrs x, ReadXattrsAt(AT_FDCWD, full, full));
  for (const auto& [k, v] : x) line += " xattr " + k + "=" + v;
  lines.push_back(line);
  return S_ISDIR(st.st_mode) ? Dir(rel) : Status::Ok();
}

Status Lister::Dir(const std::string& rel) {
  std::string full = rel.empty() ? root : root + "/" + rel;
  DIR* d = ::opendir(full.c_str());
  if (!d) return SysError("opendir", full, errno);
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  for (const auto& n : names) RETURN_IF_ERROR(One(rel.empty() ? n : rel + "/" + n));
  return Status::Ok();
}

}  // namespace

Expected<std::string> ListTree(const std::string& root, bool dir_mtimes) {
  Lister l{root, dir_mtimes, {}, {}};
  RETURN_IF_ERROR(l.Dir(""));
  std::string out;
  for (const auto& line : l.lines) out += line + "\n";
  return out;
}

}  // namespace mybuild::oci
