#include "planner/stage_platform.h"

#include "oci/platform_match.h"

namespace mybuild::planner {

Expected<oci::Platform> ParseStagePlatform(const std::string& text) {
  std::string full = text.find('/') == std::string::npos ? "linux/" + text : text;
  ASSIGN_OR_RETURN(oci::Platform p, oci::Platform::Parse(full));
  oci::Platform n = oci::NormalizePlatform(p);
  if (n.architecture == "arm64" && n.variant == "v8") n.variant.clear();
  return n;
}

std::string KeyPlatform(const oci::Platform& p) {
  std::string text = p.str();
  return text == "linux/amd64" ? "" : text;
}

}  // namespace mybuild::planner
