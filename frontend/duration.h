// Go's time.ParseDuration, for HEALTHCHECK --interval and friends.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/status.h"

namespace mybuild::frontend {

// Parses "300ms", "1.5h", "2h45m", "-1s", "0" into nanoseconds. Units: ns,
// us (µs, μs), ms, s, m, h. Fails (InvalidArgument) as Go does:
//   time: invalid duration "5x"   time: missing unit in duration "5"
//   time: unknown unit "d" in duration "1d"
Expected<int64_t> ParseDuration(std::string_view text);

}  // namespace mybuild::frontend
