// --platform: the platforms a build's image is for.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "oci/descriptor.h"

namespace mybuild::cli {

// "linux/arm64" (or "aarch64", "armhf" ...) normalised as containerd does,
// with arm64's "v8" dropped as BuildKit shows it in TARGETVARIANT. "" is
// linux/amd64. Fails on a bad platform, and on several (comma separated):
//   --platform linux/amd64,linux/arm64: give one platform
Expected<oci::Platform> ParsePlatformFlag(const std::string& text);

// A comma-separated list of ParsePlatformFlag's platforms, in the order
// given ("" is linux/amd64 alone). Fails on a bad or empty one and on one
// given twice (after normalisation):
//   --platform linux/arm64,aarch64: linux/arm64 is given twice
Expected<std::vector<oci::Platform>> ParsePlatformList(const std::string& text);

}  // namespace mybuild::cli
