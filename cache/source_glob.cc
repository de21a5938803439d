#include "cache/source_glob.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "cache/context_path.h"
#include "cache/go_path_match.h"

namespace mybuild::cache {
namespace {

namespace fs = std::filesystem;

// Names in the context directory `dir`, sorted; none unless lstat(2) finds
// a directory there. `dir` is resolved in the context (no symlinks among its
// components), so this never lists a host directory outside it, and a
// symlink matched below a wildcard is never listed through (BuildKit's walk
// lstat()s what the wildcards matched).
std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  struct stat st;
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return names;
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return names;
  std::unique_ptr<DIR, int (*)(DIR*)> d(::fdopendir(fd), ::closedir);
  if (!d) {
    ::close(fd);
    return names;
  }
  while (struct dirent* e = ::readdir(d.get())) {
    std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string Under(const std::string& dir, const std::string& name) {
  return dir.empty() ? name : dir + "/" + name;
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
  // The literal prefix names one path, resolved inside the context: a
  // symlink among its components is followed as if the context were "/".
  // Matches are kept as written and as found in the context.
  std::string literal;
  for (size_t i = 0; i < split.first_wild; ++i) literal = Under(literal, split.parts[i]);
  const bool wild = split.first_wild < split.parts.size();
  ASSIGN_OR_RETURN(std::string real, ResolveInContext(context, literal, wild));
  std::vector<std::pair<std::string, std::string>> matches = {{literal, real}};
  for (size_t i = split.first_wild; i < split.parts.size(); ++i) {
    const std::string& comp = split.parts[i];
    std::vector<std::pair<std::string, std::string>> next;
    for (const auto& [written, found] : matches) {
      for (const std::string& n : ListDir(Under(context, found))) {
        if (*GoPathMatch(comp, n)) next.push_back({Under(written, n), Under(found, n)});
      }
    }
    matches = std::move(next);
  }
  std::vector<std::string> out;
  for (const auto& [written, found] : matches) {
    struct stat st;
    if (::lstat(Under(context, found).c_str(), &st) != 0) continue;
    if (excluded && ((!written.empty() && excluded(written)) ||
                     (!found.empty() && excluded(found)))) {
      continue;
    }
    out.push_back(written.empty() ? "." : written);
  }
  return out;
}

}  // namespace mybuild::cache
