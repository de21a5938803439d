#include "cli/humanize.h"

#include <cstdio>
#include <ctime>

namespace mybuild::cli {

std::string HumanDuration(int64_t seconds) {
  auto n = [](int64_t v, const char* unit) { return std::to_string(v) + " " + unit; };
  if (seconds < 1) return "Less than a second";
  if (seconds == 1) return "1 second";
  if (seconds < 60) return n(seconds, "seconds");
  int64_t minutes = seconds / 60;
  if (minutes == 1) return "About a minute";
  if (minutes < 60) return n(minutes, "minutes");
  int64_t hours = (seconds + 1800) / 3600;  // rounded, as docker does
  if (hours == 1) return "About an hour";
  if (hours < 48) return n(hours, "hours");
  if (hours < 24 * 7 * 2) return n(hours / 24, "days");
  if (hours < 24 * 30 * 2) return n(hours / 24 / 7, "weeks");
  if (hours < 24 * 365 * 2) return n(hours / 24 / 30, "months");
  return n(seconds / 3600 / 24 / 365, "years");
}

std::optional<int64_t> ParseRfc3339(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
                  &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  int64_t t = ::timegm(&tm);
  size_t at = static_cast<size_t>(consumed);
  if (at < text.size() && text[at] == '.') {
    while (++at < text.size() && text[at] >= '0' && text[at] <= '9') {}
  }
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int h = 0, m = 0;
    if (std::sscanf(text.c_str() + at + 1, "%2d:%2d", &h, &m) != 2) return std::nullopt;
    t -= (text[at] == '+' ? 1 : -1) * (h * 3600 + m * 60);
  } else if (at >= text.size() || (text[at] != 'Z' && text[at] != 'z')) {
    return std::nullopt;
  }
  return t;
}

std::string HumanAgo(const std::string& created, int64_t now) {
  std::optional<int64_t> t = ParseRfc3339(created);
  if (!t) return "N/A";
  return HumanDuration(now - *t) + " ago";
}

}  // namespace mybuild::cli
