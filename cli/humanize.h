// Times as `docker images` and `docker history` print them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mybuild::cli {

// docker's units.HumanDuration: "Less than a second", "1 second",
// "5 seconds", "About a minute", "5 minutes", "About an hour", "5 hours",
// "3 days", "2 weeks", "3 months", "2 years".
std::string HumanDuration(int64_t seconds);

// Seconds since the epoch of an RFC 3339 time ("2024-01-02T03:04:05Z",
// fractions and offsets allowed); nullopt when it is not one.
std::optional<int64_t> ParseRfc3339(const std::string& text);

// "2 hours ago" for `created` seen at `now`; "N/A" when `created` is not
// RFC 3339.
std::string HumanAgo(const std::string& created, int64_t now);

}  // namespace mybuild::cli
