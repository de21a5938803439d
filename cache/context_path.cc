#include "cache/context_path.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <vector>

namespace mybuild::cache {
namespace {

constexpr int kMaxLinks = 40;

// `path`'s components, "" and "." left out; ".." kept for the walk.
std::deque<std::string> Components(const std::string& path) {
  std::deque<std::string> out;
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

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

Status Failed(const std::string& path, int err) {
  return IoError("resolve \"/" + path + "\" in the build context: " +
                 std::strerror(err));
}

}  // namespace

Expected<std::string> ResolveInContext(const std::string& context,
                                       const std::string& path,
                                       bool follow_last) {
  std::deque<std::string> todo = Components(path);
  std::vector<std::string> at;  // resolved so far: no symlinks among them
  int links = 0;
  while (!todo.empty()) {
    std::string name = todo.front();
    todo.pop_front();
    if (name == "..") {
      if (!at.empty()) at.pop_back();
      continue;
    }
    if (todo.empty() && !follow_last) {
      at.push_back(name);
      break;
    }
    at.push_back(name);
    std::string host = context + "/" + Join(at);
    struct stat st;
    if (::lstat(host.c_str(), &st) != 0) break;  // missing: rest as written
    if (!S_ISLNK(st.st_mode)) continue;
    at.pop_back();
    if (++links > kMaxLinks) return Failed(path, ELOOP);
    char buf[4096];
    ssize_t n = ::readlink(host.c_str(), buf, sizeof buf);
    if (n < 0) return Failed(path, errno);
    std::string target(buf, static_cast<size_t>(n));
    if (!target.empty() && target[0] == '/') at.clear();
    std::deque<std::string> more = Components(target);
    todo.insert(todo.begin(), more.begin(), more.end());
  }
  for (const std::string& rest : todo) {
    if (rest == "..") {
      if (!at.empty()) at.pop_back();
    } else {
      at.push_back(rest);
    }
  }
  return Join(at);
}

}  // namespace mybuild::cache
