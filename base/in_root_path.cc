#include "base/in_root_path.h"

#include <deque>

namespace mybuild {
namespace {

// Appends `name` to `at`, or drops the last of `at` for "..".
void Apply(std::vector<std::string>& at, const std::string& name) {
  if (name != "..") {
    at.push_back(name);
  } else if (!at.empty()) {
    at.pop_back();
  }
}

}  // namespace

std::vector<std::string> SplitInRoot(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string part = path.substr(i, j - i);
    if (!part.empty() && part != ".") out.push_back(part);
    i = j + 1;
  }
  return out;
}

std::string JoinInRoot(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

Expected<std::string> ResolveInRoot(const std::string& path,
                                    const InRootWalk& walk) {
  std::vector<std::string> parts = SplitInRoot(path);
  std::deque<std::string> todo(parts.begin(), parts.end());
  std::vector<std::string> at;  // resolved so far: no symlinks among them
  int links = 0;
  while (!todo.empty()) {
    std::string name = todo.front();
    todo.pop_front();
    if (name == "..") {
      Apply(at, name);
      continue;
    }
    bool last = todo.empty();
    if (last && !walk.follow_last) {
      at.push_back(name);
      break;
    }
    ASSIGN_OR_RETURN(InRootEntry entry, walk.step(at, name, last));
    if (entry.kind == InRootEntry::kMissing) {
      at.push_back(name);
      break;
    }
    if (entry.kind == InRootEntry::kPresent) {
      at.push_back(name);
      continue;
    }
    if (++links > kMaxInRootLinks) return walk.too_many_links();
    if (!entry.target.empty() && entry.target[0] == '/') at.clear();
    std::vector<std::string> more = SplitInRoot(entry.target);
    todo.insert(todo.begin(), more.begin(), more.end());
  }
  for (const std::string& rest : todo) Apply(at, rest);
  return JoinInRoot(at);
}

}  // namespace mybuild
