#include "cli/resource_flags.h"

#include <sys/resource.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace mybuild::cli {
namespace {

// A whole number, optionally negative; nullopt-like false when it is not.
bool ParseInt(const std::string& s, int64_t* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno != 0 || *end != '\0') return false;
  *out = v;
  return true;
}

}  // namespace

Expected<int64_t> ParseByteSize(const std::string& flag, const std::string& value) {
  size_t digits = 0;
  while (digits < value.size() && (std::isdigit(static_cast<unsigned char>(value[digits])) ||
                                   value[digits] == '.')) {
    ++digits;
  }
  std::string unit;
  for (char c : value.substr(digits)) unit += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (unit.size() == 2 && unit[1] == 'b') unit.pop_back();
  static const std::pair<const char*, int> kUnits[] = {
      {"", 0}, {"b", 0}, {"k", 1}, {"m", 2}, {"g", 3}, {"t", 4}};
  int power = -1;
  for (const auto& [u, p] : kUnits) {
    if (unit == u) power = p;
  }
  char* end = nullptr;
  std::string number = value.substr(0, digits);
  double n = number.empty() ? -1 : std::strtod(number.c_str(), &end);
  if (power < 0 || n < 0 || (end && *end != '\0')) {
    return InvalidArgument(flag + ": invalid size: \"" + value + "\"");
  }
  return static_cast<int64_t>(n * std::pow(1024.0, power));
}

Expected<int64_t> CpusToQuota(const std::string& value, int64_t period) {
  char* end = nullptr;
  double cpus = value.empty() ? 0 : std::strtod(value.c_str(), &end);
  if (!(cpus > 0) || (end && *end != '\0')) {
    return InvalidArgument("--cpus: \"" + value + "\" is not a positive number of CPUs");
  }
  return std::max<int64_t>(1000, std::llround(cpus * static_cast<double>(period)));
}

Expected<executor::Rlimit> ParseUlimit(const std::string& value) {
  static const std::pair<const char*, int> kNames[] = {
      {"as", RLIMIT_AS},         {"core", RLIMIT_CORE},       {"cpu", RLIMIT_CPU},
      {"data", RLIMIT_DATA},     {"fsize", RLIMIT_FSIZE},     {"locks", RLIMIT_LOCKS},
      {"memlock", RLIMIT_MEMLOCK}, {"msgqueue", RLIMIT_MSGQUEUE}, {"nice", RLIMIT_NICE},
      {"nofile", RLIMIT_NOFILE}, {"nproc", RLIMIT_NPROC},     {"rss", RLIMIT_RSS},
      {"rtprio", RLIMIT_RTPRIO}, {"rttime", RLIMIT_RTTIME},   {"sigpending", RLIMIT_SIGPENDING},
      {"stack", RLIMIT_STACK}};
  size_t eq = value.find('=');
  if (eq == std::string::npos) {
    return InvalidArgument("--ulimit \"" + value + "\": want NAME=SOFT[:HARD]");
  }
  std::string name = value.substr(0, eq);
  int resource = -1;
  for (const auto& [n, r] : kNames) {
    if (name == n) resource = r;
  }
  if (resource < 0) return InvalidArgument("--ulimit: invalid ulimit type: " + name);
  std::string limits = value.substr(eq + 1);
  size_t colon = limits.find(':');
  std::string soft_s = limits.substr(0, colon);
  std::string hard_s = colon == std::string::npos ? soft_s : limits.substr(colon + 1);
  int64_t soft = 0, hard = 0;
  if (!ParseInt(soft_s, &soft) || !ParseInt(hard_s, &hard) || soft < -1 || hard < -1) {
    return InvalidArgument("--ulimit \"" + value + "\": limits must be whole numbers (-1: unlimited)");
  }
  auto lim = [](int64_t v) { return v == -1 ? RLIM_INFINITY : static_cast<uint64_t>(v); };
  if (lim(soft) > lim(hard)) {
    return InvalidArgument("--ulimit: ulimit soft limit must be less than or equal to hard limit: " +
                           soft_s + " > " + hard_s);
  }
  return executor::Rlimit{resource, lim(soft), lim(hard)};
}

}  // namespace mybuild::cli
