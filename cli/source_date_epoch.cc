#include "cli/source_date_epoch.h"

#include <cerrno>
#include <cstdlib>
#include <ctime>

namespace mybuild::cli {

Expected<std::optional<int64_t>> SourceDateEpoch(
    const std::map<std::string, std::string>& build_args, const char* env) {
  std::string value;
  if (auto it = build_args.find("SOURCE_DATE_EPOCH"); it != build_args.end()) {
    value = it->second;
  } else if (env) {
    value = env;
  }
  if (value.empty()) return std::optional<int64_t>();
  bool digits = value.size() <= 18 &&
                value.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) {
    return InvalidArgument("SOURCE_DATE_EPOCH \"" + value +
                           "\" is not a number of seconds since 1970");
  }
  return std::optional<int64_t>(std::strtoll(value.c_str(), nullptr, 10));
}

std::string Rfc3339(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace mybuild::cli
