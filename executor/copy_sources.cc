#include "executor/copy_sources.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "cache/context_path.h"
#include "cache/go_path_match.h"
#include "cache/source_glob.h"
#include "executor/root_path.h"

namespace mybuild::executor {
namespace {

size_t CountComponents(const std::string& path) {
  size_t n = 0;
  for (const auto& part : std::filesystem::path(path)) {
    if (part != "/" && !part.empty() && part != ".") ++n;
  }
  return n;
}

// --parents keeps the whole matched path, or only what follows "/./".
std::string Kept(const std::string& pattern, const std::string& match) {
  std::string p = pattern;
  while (p.rfind("./", 0) == 0) p.erase(0, 2);  // a leading ./ is no pivot
  size_t pivot = p.find("/./");
  if (pivot == std::string::npos) return match;
  std::string prefix =
      std::filesystem::path("/" + p.substr(0, pivot)).lexically_normal();
  size_t drop = CountComponents(prefix);
  std::string kept;
  size_t i = 0;
  for (const auto& part : std::filesystem::path(match)) {
    if (i++ < drop) continue;
    kept += (kept.empty() ? "" : "/") + part.string();
  }
  return kept;
}

}  // namespace

Expected<std::vector<CopyItem>> FindSources(
    const std::string& root, const std::string& pattern, bool parents,
    const std::function<bool(const std::string&)>& excluded) {
  std::vector<std::string> matches;
  if (pattern.find_first_of("*?[") == std::string::npos) {
    // A plain path: looked up through ResolveParentsInRoot below, not on
    // the host, where a symlink among its directories would lead elsewhere.
    std::string norm = std::filesystem::path(pattern).lexically_normal();
    if (norm == ".." || norm.rfind("../", 0) == 0) {
      return InvalidArgument(
          "COPY failed: forbidden path outside the build context: " + pattern);
    }
    std::string clean =
        std::filesystem::path("/" + pattern).lexically_normal().relative_path();
    while (!clean.empty() && clean.back() == '/') clean.pop_back();
    matches.push_back(clean.empty() ? "." : clean);
  } else {
    ASSIGN_OR_RETURN(matches, cache::ExpandSource(root, pattern, excluded));
  }
  std::vector<CopyItem> items;
  for (const std::string& m : matches) {
    std::string rel = m == "." ? "" : m;
    ASSIGN_OR_RETURN(std::string resolved, ResolveParentsInRoot(root, rel));
    struct stat st;
    if (::lstat((root + "/" + resolved).c_str(), &st) != 0) continue;
    std::string name;
    if (S_ISLNK(st.st_mode)) {
      name = std::filesystem::path(rel).filename();
      ASSIGN_OR_RETURN(resolved, cache::ResolveInContext(root, rel, true));
      if (::lstat((root + "/" + resolved).c_str(), &st) != 0) continue;
    }
    if (excluded && !resolved.empty() && (excluded(resolved) || excluded(rel)))
      continue;
    CopyItem item;
    item.root = root;
    item.rel = resolved;
    item.name = std::move(name);
    if (parents) item.keep = Kept(pattern, rel);
    bool dup = std::any_of(items.begin(), items.end(), [&](const CopyItem& i) {
      return i.rel == item.rel && i.keep == item.keep;
    });
    if (!dup) items.push_back(std::move(item));
  }
  return items;
}

bool MayMatchNothing(const std::string& pattern) {
  return cache::HasUnescapedWildcard(pattern);
}

}  // namespace mybuild::executor
