#include "oci/tar_limits.h"

#include <string>

namespace mybuild::oci {
namespace {

std::string N(int64_t n) { return std::to_string(n); }

}  // namespace

size_t PathDepth(std::string_view name) {
  size_t depth = 0;
  size_t start = 0;
  while (start <= name.size()) {
    size_t slash = name.find('/', start);
    if (slash == std::string_view::npos) slash = name.size();
    std::string_view c = name.substr(start, slash - start);
    if (!c.empty() && c != ".") ++depth;
    start = slash + 1;
  }
  return depth;
}

Status TarBudget::Entry(std::string_view name, std::string_view link) {
  ++entries_;
  const std::string at = "entry " + N(entries_) + ": ";
  if (entries_ > limits_.max_entries) {
    return InvalidArgument(at + "more than " + N(limits_.max_entries) +
                           " entries");
  }
  const int64_t max_path = static_cast<int64_t>(limits_.max_path_bytes);
  if (name.size() > limits_.max_path_bytes) {
    return InvalidArgument(at + "path is " + N(name.size()) +
                           " bytes, more than " + N(max_path));
  }
  if (link.size() > limits_.max_path_bytes) {
    return InvalidArgument(at + "link target is " + N(link.size()) +
                           " bytes, more than " + N(max_path));
  }
  size_t depth = PathDepth(name);
  if (depth > limits_.max_depth) {
    return InvalidArgument(at + "path has " + N(depth) +
                           " components, more than " + N(limits_.max_depth));
  }
  return Status::Ok();
}

Status TarBudget::Expanded(int64_t total) {
  const std::string at = "entry " + N(entries_) + ": ";
  if (limits_.max_bytes > 0 && total > limits_.max_bytes) {
    return InvalidArgument(at + "archive expands to more than " +
                           N(limits_.max_bytes) + " bytes");
  }
  if (total > limits_.ratio_floor &&
      total / limits_.max_ratio > archive_bytes_) {
    return InvalidArgument(at + "archive expands to more than " +
                           N(limits_.max_ratio) + " times its " +
                           N(archive_bytes_) + " bytes");
  }
  return Status::Ok();
}

}  // namespace mybuild::oci
