// The platform a stage runs for: the build's target platform, or what its
// `FROM --platform=` says (expanded with the global ARGs), normalised as
// containerd does and shown as BuildKit shows it.
#pragma once

#include <string>

#include "base/status.h"
#include "oci/descriptor.h"

namespace mybuild::planner {

// "linux/arm64", "aarch64", "linux/arm/v7", ... normalised (aarch64 = arm64,
// armhf = arm/v7, x86_64 = amd64), arm64's "v8" dropped as TARGETVARIANT
// shows it; a bare architecture means linux. Fails naming the text:
//   invalid platform "linux": want os/arch[/variant]
Expected<oci::Platform> ParseStagePlatform(const std::string& text);

// The platform part of a stage's base key: "" for linux/amd64, so the keys
// of amd64 builds stay what they were before platforms (see BaseKey).
std::string KeyPlatform(const oci::Platform& p);

}  // namespace mybuild::planner
