#include "oci/tar_path.h"

#include <vector>

#include "oci/tar_entry.h"

namespace mybuild::oci {
namespace {

// Splits on '/' and folds "." / ".." onto `parts`; false if ".." would
// climb above the root.
bool Fold(std::string_view path, std::vector<std::string_view>* parts) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view c = path.substr(start, slash - start);
    start = slash + 1;
    if (c.empty() || c == ".") continue;
    if (c == "..") {
      if (parts->empty()) return false;
      parts->pop_back();
    } else {
      parts->push_back(c);
    }
  }
  return true;
}

}  // namespace

bool IsCleanTarPath(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.back() == '/') return false;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view c = path.substr(start, slash - start);
    if (c.empty() || c == "." || c == "..") return false;
    start = slash + 1;
  }
  return true;
}

Expected<std::string> NormalizeTarPath(std::string_view name) {
  std::vector<std::string_view> parts;
  if (!Fold(name, &parts)) {
    return InvalidArgument("layer entry \"" + std::string(name) +
                           "\": path escapes the target");
  }
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

std::string_view ParentOf(std::string_view p) {
  size_t slash = p.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : p.substr(0, slash);
}

std::string_view BaseOf(std::string_view p) {
  size_t slash = p.rfind('/');
  return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

std::string WhiteoutPath(std::string_view p) {
  std::string_view parent = ParentOf(p);
  std::string out = parent.empty() ? "" : std::string(parent) + "/";
  return out + kWhiteoutPrefix + std::string(BaseOf(p));
}

bool SymlinkStaysInside(std::string_view link, std::string_view target) {
  if (target.starts_with("/")) return true;
  std::vector<std::string_view> parts;
  Fold(ParentOf(link), &parts);
  return Fold(target, &parts);
}

}  // namespace mybuild::oci
