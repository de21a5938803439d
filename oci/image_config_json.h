// Internal to oci/: the "config" object and history entries of an image
// config as nlohmann::json values.
#pragma once

#include <string>

#include "oci/image_config.h"
#include "oci/json_fields.h"

namespace mybuild::oci::internal {

Json ContainerConfigToJson(const ContainerConfig& c);
Expected<ContainerConfig> ContainerConfigFromJson(const Json& j,
                                                  const std::string& where);
Json HistoryToJson(const HistoryEntry& h);
Expected<HistoryEntry> HistoryFromJson(const Json& j, const std::string& where);

}  // namespace mybuild::oci::internal
