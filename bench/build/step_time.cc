#include "bench/build/step_time.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <sstream>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace mybuild::bench {
namespace {

// "2026-01-02T03:04:05.25Z" -> seconds since the epoch.
bool ParseTime(const std::string& s, double* out) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6) {
    return false;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  double fraction = 0;
  size_t i = consumed;
  if (i < s.size() && s[i] == '.') {
    double scale = 0.1;
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, scale /= 10) {
      fraction += (s[i] - '0') * scale;
    }
  }
  if (i + 1 != s.size() || s[i] != 'Z') return false;
  *out = static_cast<double>(::timegm(&tm)) + fraction;
  return true;
}

}  // namespace

Expected<double> StepBusySeconds(const std::string& rawjson) {
  std::vector<std::pair<double, double>> spans;
  std::istringstream in(rawjson);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] != '{') continue;
    nlohmann::json event = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!event.is_object() || !event.contains("vertexes")) continue;
    for (const nlohmann::json& v : event["vertexes"]) {
      if (!v.contains("completed") || v.value("cached", false)) continue;
      double start, end;
      if (!ParseTime(v.value("started", ""), &start) ||
          !ParseTime(v.value("completed", ""), &end)) {
        return InvalidArgument("rawjson line " + std::to_string(n) + ": a vertex time is not RFC 3339");
      }
      spans.emplace_back(start, end);
    }
  }
  std::sort(spans.begin(), spans.end());
  double busy = 0, open_start = 0, open_end = -1;
  for (const auto& [start, end] : spans) {
    if (start > open_end) {
      if (open_end > open_start) busy += open_end - open_start;
      open_start = start;
      open_end = end;
    } else {
      open_end = std::max(open_end, end);
    }
  }
  if (open_end > open_start) busy += open_end - open_start;
  return busy;
}

}  // namespace mybuild::bench
