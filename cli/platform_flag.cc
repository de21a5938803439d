#include "cli/platform_flag.h"

#include "oci/platform_match.h"

namespace mybuild::cli {

Expected<oci::Platform> ParsePlatformFlag(const std::string& text) {
  if (text.empty()) return oci::DefaultPlatform();
  if (text.find(',') != std::string::npos) {
    return InvalidArgument("--platform " + text +
                           ": several platforms in one build are not supported yet; "
                           "build each with its own --platform");
  }
  std::string full = text.find('/') == std::string::npos ? "linux/" + text : text;
  Expected<oci::Platform> p = oci::Platform::Parse(full);
  if (!p.ok()) return p.status().WithPrefix("--platform");
  oci::Platform n = oci::NormalizePlatform(*p);
  if (n.architecture == "arm64" && n.variant == "v8") n.variant.clear();
  return n;
}

}  // namespace mybuild::cli
