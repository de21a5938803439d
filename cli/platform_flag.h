// --platform: the platform a build's image is for.
#pragma once

#include <string>

#include "base/status.h"
#include "oci/descriptor.h"

namespace mybuild::cli {

// "linux/arm64" (or "aarch64", "armhf" ...) normalised as containerd does,
// with arm64's "v8" dropped as BuildKit shows it in TARGETVARIANT. "" is
// linux/amd64. Fails on a bad platform, and on several (comma separated),
// which one build cannot make yet:
//   --platform linux/amd64,linux/arm64: several platforms in one build are
//   not supported yet; build each with its own --platform
Expected<oci::Platform> ParsePlatformFlag(const std::string& text);

}  // namespace mybuild::cli
