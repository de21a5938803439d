#include "cache/source_glob.h"

#include <dirent.h>
#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <memory>

namespace mybuild::cache {
namespace {

namespace fs = std::filesystem;

bool HasWildcard(const std::string& s) {
  return s.find_first_of("*?[") != std::string::npos;
}

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), ::closedir);
  if (!d) return names;
  while (struct dirent* e = ::readdir(d.get())) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

Expected<std::vector<std::string>> ExpandSource(
    const std::string& context, const std::string& pattern,
    const std::function<bool(const std::string&)>& excluded) {
  std::string clean = fs::path("/" + pattern).lexically_normal().relative_path().string();
  std::string norm = fs::path(pattern).lexically_normal().string();
  if (norm == ".." || norm.rfind("../", 0) == 0) {
    return InvalidArgument(
        "COPY failed: forbidden path outside the build context: " + pattern);
  }
  while (!clean.empty() && clean.back() == '/') clean.pop_back();
  std::vector<std::string> matches = {""};
  for (const auto& part : fs::path(clean)) {
    std::string comp = part.string();
    std::vector<std::string> next;
    for (const std::string& m : matches) {
      std::string base = m.empty() ? "" : m + "/";
      if (!HasWildcard(comp)) {
        next.push_back(base + comp);
        continue;
      }
      for (const std::string& n : ListDir(context + "/" + m)) {
        if (::fnmatch(comp.c_str(), n.c_str(), 0) == 0) next.push_back(base + n);
      }
    }
    matches = std::move(next);
  }
  std::vector<std::string> out;
  for (const std::string& m : matches) {
    struct stat st;
    if (::lstat((context + "/" + m).c_str(), &st) != 0) continue;
    if (!m.empty() && excluded && excluded(m)) continue;
    out.push_back(m.empty() ? "." : m);
  }
  return out;
}

}  // namespace mybuild::cache
