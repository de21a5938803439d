// Image manifests and indexes: OCI image-spec v1 and their Docker schema2
// twins (manifest, manifest list), which share one JSON shape.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "oci/descriptor.h"

namespace mybuild::oci {

struct Manifest {
  // kOciManifest or kDockerManifest. An OCI manifest may omit it in JSON;
  // FromJson then sets kOciManifest.
  std::string media_type;
  std::string artifact_type;
  Descriptor config;
  std::vector<Descriptor> layers;
  std::optional<Descriptor> subject;
  std::map<std::string, std::string> annotations;

  // Compact JSON, keys sorted; "schemaVersion": 2, "config" and "layers"
  // always written, empty optional fields omitted.
  std::string ToJson() const;
  // Fails with kInvalidArgument "manifest: <reason>" on bad JSON, a
  // schemaVersion other than 2, an index media type, a missing config or a
  // bad descriptor.
  static Expected<Manifest> FromJson(std::string_view text);

  bool operator==(const Manifest&) const = default;
};

struct ImageIndex {
  // kOciIndex or kDockerManifestList; FromJson sets kOciIndex when absent.
  std::string media_type;
  std::string artifact_type;
  std::vector<Descriptor> manifests;
  std::optional<Descriptor> subject;
  std::map<std::string, std::string> annotations;

  // Compact JSON, keys sorted; "schemaVersion": 2 and "manifests" always.
  std::string ToJson() const;
  // Fails with kInvalidArgument "image index: <reason>" as Manifest does.
  static Expected<ImageIndex> FromJson(std::string_view text);

  bool operator==(const ImageIndex&) const = default;
};

// The media type of a manifest-like document whose Content-Type is unknown:
// its "mediaType" field if set, else kOciIndex when it has "manifests",
// else kOciManifest when it has "config". Fails with kInvalidArgument when
// it is not JSON or none of these apply.
Expected<std::string> SniffManifestType(std::string_view text);

}  // namespace mybuild::oci
