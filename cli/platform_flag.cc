#include "cli/platform_flag.h"

#include <algorithm>

#include "oci/platform_match.h"

namespace mybuild::cli {

Expected<oci::Platform> ParsePlatformFlag(const std::string& text) {
  if (text.empty()) return oci::DefaultPlatform();
  if (text.find(',') != std::string::npos) {
    return InvalidArgument("--platform " + text + ": give one platform");
  }
  std::string full = text.find('/') == std::string::npos ? "linux/" + text : text;
  Expected<oci::Platform> p = oci::Platform::Parse(full);
  if (!p.ok()) return p.status().WithPrefix("--platform");
  oci::Platform n = oci::NormalizePlatform(*p);
  if (n.architecture == "arm64" && n.variant == "v8") n.variant.clear();
  return n;
}

Expected<std::vector<oci::Platform>> ParsePlatformList(const std::string& text) {
  std::vector<oci::Platform> out;
  if (text.empty()) return std::vector<oci::Platform>{oci::DefaultPlatform()};
  for (size_t start = 0; start <= text.size();) {
    size_t comma = std::min(text.find(',', start), text.size());
    std::string one = text.substr(start, comma - start);
    if (one.empty()) return InvalidArgument("--platform " + text + ": an empty platform");
    ASSIGN_OR_RETURN(oci::Platform p, ParsePlatformFlag(one));
    if (std::find(out.begin(), out.end(), p) != out.end()) {
      return InvalidArgument("--platform " + text + ": " + p.str() + " is given twice");
    }
    out.push_back(std::move(p));
    start = comma + 1;
  }
  return out;
}

}  // namespace mybuild::cli
