#include "cache/source_glob.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "cache/go_path_match.h"

namespace mybuild::cache {
namespace {

namespace fs = std::filesystem;

// Names in `dir`, sorted. When `through_symlink` is false a symlink is not
// listed through: BuildKit's walk lstat()s what the wildcards matched.
std::vector<std::string> ListDir(const std::string& dir, bool through_symlink) {
  std::vector<std::string> names;
  struct stat st;
  if (!through_symlink && (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)))
    return names;
  std::unique_ptr<DIR, int (*)(DIR*)> d(::opendir(dir.c_str()), ::closedir);
  if (!d) return names;
  while (struct dirent* e = ::readdir(d.get())) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The pattern's components, and the index of the first one holding a
// wildcard (size() when none does).
struct Split {
  std::vector<std::string> parts;
  size_t first_wild;
};

Split SplitPattern(const std::string& pattern) {
  std::string clean =
      fs::path("/" + pattern).lexically_normal().relative_path().string();
  while (!clean.empty() && clean.back() == '/') clean.pop_back();
  Split s;
  for (const auto& part : fs::path(clean)) s.parts.push_back(part.string());
  s.first_wild = s.parts.size();
  for (size_t i = 0; i < s.parts.size(); ++i) {
    if (HasUnescapedWildcard(s.parts[i])) {
      s.first_wild = i;
      break;
    }
  }
  return s;
}

}  // namespace

Expected<std::vector<std::string>> ExpandSource(
    const std::string& context, const std::string& pattern,
    const std::function<bool(const std::string&)>& excluded) {
  std::string norm = fs::path(pattern).lexically_normal().string();
  if (norm == ".." || norm.rfind("../", 0) == 0) {
    return InvalidArgument(
        "COPY failed: forbidden path outside the build context: " + pattern);
  }
  Split split = SplitPattern(pattern);
  for (size_t i = split.first_wild; i < split.parts.size(); ++i) {
    if (!CheckGoPattern(split.parts[i]).ok()) {
      return InvalidArgument("COPY failed: syntax error in pattern: \"" +
                             pattern + "\"");
    }
  }
  std::vector<std::string> matches = {""};
  for (size_t i = 0; i < split.parts.size(); ++i) {
    const std::string& comp = split.parts[i];
    std::vector<std::string> next;
    for (const std::string& m : matches) {
      std::string base = m.empty() ? "" : m + "/";
      if (i < split.first_wild) {  // taken literally, '\' and all
        next.push_back(base + comp);
        continue;
      }
      for (const std::string& n :
           ListDir(context + "/" + m, i == split.first_wild)) {
        if (*GoPathMatch(comp, n)) next.push_back(base + n);
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
