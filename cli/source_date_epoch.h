// SOURCE_DATE_EPOCH, as BuildKit and buildx read it: a --build-arg of that
// name, else the environment variable. When set, the image's and history's
// times are it and no layer a step makes holds a later mtime, so two builds
// of the same inputs on fresh roots at different times give the same image.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "base/status.h"

namespace mybuild::cli {

// The epoch from `build_args` (resolved --build-arg values) or, when that
// has none, `env` (the environment's value, null when unset); nullopt when
// neither is set or both are empty. Fails on anything but decimal seconds:
//   SOURCE_DATE_EPOCH "yesterday" is not a number of seconds since 1970
Expected<std::optional<int64_t>> SourceDateEpoch(
    const std::map<std::string, std::string>& build_args, const char* env);

// `seconds` since 1970 as RFC 3339 in UTC: "2023-11-14T22:13:20Z".
std::string Rfc3339(int64_t seconds);

}  // namespace mybuild::cli
