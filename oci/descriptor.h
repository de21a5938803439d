// Platform and Descriptor: how manifests and indexes point at blobs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "oci/digest.h"

namespace mybuild::oci {

struct Platform {
  std::string os;            // "linux"
  std::string architecture;  // "amd64", "arm64", "arm", ...
  std::string variant;       // "v7", "v8"; empty when none
  std::string os_version;    // "os.version"; Windows only in practice
  std::vector<std::string> os_features;  // "os.features"

  // "linux/arm64/v8" (variant only when set).
  std::string str() const;
  // Parses "os/arch[/variant]"; fails on anything else with
  //   invalid platform "linux": want os/arch[/variant]
  static Expected<Platform> Parse(std::string_view text);

  bool operator==(const Platform&) const = default;
};

struct Descriptor {
  std::string media_type;  // "mediaType", required
  Digest digest;           // required
  int64_t size = 0;        // required, >= 0
  std::vector<std::string> urls;
  std::map<std::string, std::string> annotations;
  std::optional<Platform> platform;
  std::string artifact_type;  // "artifactType"

  // Compact JSON with sorted keys; empty optional fields are omitted.
  std::string ToJson() const;
  // Fails with kInvalidArgument on bad JSON, a missing mediaType/digest/
  // size, a negative size or an invalid digest.
  static Expected<Descriptor> FromJson(std::string_view text);

  bool operator==(const Descriptor&) const = default;
};

}  // namespace mybuild::oci
