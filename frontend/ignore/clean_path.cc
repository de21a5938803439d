#include "frontend/ignore/clean_path.h"

#include <vector>

namespace mybuild::frontend::ignore {

std::string CleanPath(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path[0] == '/';
  std::vector<std::string_view> segments;
  size_t leading_dotdots = 0;  // ".." segments that could not be resolved
  while (!path.empty()) {
    const size_t slash = path.find('/');
    const std::string_view seg = path.substr(0, slash);
    path.remove_prefix(slash == std::string_view::npos ? path.size()
                                                       : slash + 1);
    if (seg.empty() || seg == ".") continue;
    if (seg != "..") {
      segments.push_back(seg);
    } else if (segments.size() > leading_dotdots) {
      segments.pop_back();
    } else if (!rooted) {
      segments.push_back(seg);
      ++leading_dotdots;
    }
  }
  std::string out = rooted ? "/" : "";
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out += '/';
    out.append(segments[i]);
  }
  return out.empty() ? "." : out;
}

}  // namespace mybuild::frontend::ignore
