// Internal to oci/: Platform and Descriptor as nlohmann::json values, so
// manifests and indexes can embed them.
#pragma once

#include <string>

#include "oci/descriptor.h"
#include "oci/json_fields.h"

namespace mybuild::oci::internal {

Json PlatformToJson(const Platform& p);
Expected<Platform> PlatformFromJson(const Json& j, const std::string& where);
Json DescriptorToJson(const Descriptor& d);
Expected<Descriptor> DescriptorFromJson(const Json& j,
                                        const std::string& where);

}  // namespace mybuild::oci::internal
