#include "executor/layer_view.h"

#include <sys/sysmacros.h>
#include <sys/xattr.h>

#include <sstream>

#include "base/fd.h"

namespace mybuild::executor {
namespace {

bool IsWhiteout(const struct stat& st) {
  return S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0);
}

bool IsOpaque(const std::string& dir) {
  char v[2] = {0, 0};
  ssize_t n = ::lgetxattr(dir.c_str(), "trusted.overlay.opaque", v, 1);
  return n == 1 && v[0] == 'y';
}

std::vector<std::string> Components(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  std::string p;
  while (std::getline(in, p, '/')) {
    if (!p.empty() && p != ".") parts.push_back(p);
  }
  return parts;
}

}  // namespace

std::string LayerView::HostPath(const std::string& path) const {
  std::vector<std::string> parts = Components(path);
  if (parts.empty()) return layers_.empty() ? "" : layers_[0];
  for (const std::string& layer : layers_) {
    // A whiteout or opaque dir on the way down hides lower layers.
    std::string prefix = layer;
    bool hidden_below = false;
    for (size_t i = 0; i < parts.size(); ++i) {
      prefix += "/" + parts[i];
      struct stat st;
      if (::lstat(prefix.c_str(), &st) != 0) break;
      if (IsWhiteout(st)) return "";
      if (i + 1 == parts.size()) return prefix;
      if (!S_ISDIR(st.st_mode)) return "";  // a file where a dir should be
      if (IsOpaque(prefix)) hidden_below = true;
    }
    if (hidden_below) return "";
  }
  return "";
}

std::optional<struct stat> LayerView::Lstat(const std::string& path) const {
  std::string host = HostPath(path);
  struct stat st;
  if (host.empty() || ::lstat(host.c_str(), &st) != 0) return std::nullopt;
  return st;
}

Expected<std::string> LayerView::ReadSmallFile(const std::string& path) const {
  std::optional<struct stat> st = Lstat(path);
  if (!st || !S_ISREG(st->st_mode)) return std::string();
  return ReadFile(HostPath(path));
}

}  // namespace mybuild::executor
