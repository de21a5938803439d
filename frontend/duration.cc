#include "frontend/duration.h"

#include <limits>
#include <string>

namespace mybuild::frontend {
namespace {

constexpr uint64_t kMaxNs = static_cast<uint64_t>(1) << 63;

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

int64_t UnitNs(std::string_view unit) {
  if (unit == "ns") return 1;
  if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") return 1000;
  if (unit == "ms") return 1000000;
  if (unit == "s") return 1000000000;
  if (unit == "m") return 60LL * 1000000000;
  if (unit == "h") return 3600LL * 1000000000;
  return 0;
}

}  // namespace

Expected<int64_t> ParseDuration(std::string_view text) {
  const std::string original(text);
  auto invalid = [&] {
    return InvalidArgument("time: invalid duration " + Quoted(original));
  };
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  if (text == "0") return 0;
  if (text.empty()) return invalid();
  uint64_t total = 0;
  while (!text.empty()) {
    // [0-9]*(\.[0-9]*)? then a unit.
    if (!(text[0] == '.' || (text[0] >= '0' && text[0] <= '9'))) {
      return invalid();
    }
    // Integer and fraction are kept apart as Go does, so 1.1s is exactly
    // 1100000000ns; fraction digits that would overflow are ignored.
    size_t i = 0;
    uint64_t whole = 0;
    bool digits = false;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (whole > (kMaxNs - 9) / 10) return invalid();
      whole = whole * 10 + static_cast<uint64_t>(text[i++] - '0');
      digits = true;
    }
    uint64_t fraction = 0;
    double scale = 1;
    if (i < text.size() && text[i] == '.') {
      ++i;
      bool overflow = false;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        digits = true;
        if (!overflow && fraction <= (kMaxNs - 9) / 10) {
          fraction = fraction * 10 + static_cast<uint64_t>(text[i] - '0');
          scale *= 10;
        } else {
          overflow = true;
        }
        ++i;
      }
    }
    if (!digits) return invalid();
    size_t u = i;
    while (u < text.size() && text[u] != '.' &&
           !(text[u] >= '0' && text[u] <= '9')) {
      ++u;
    }
    std::string_view unit = text.substr(i, u - i);
    if (unit.empty()) {
      return InvalidArgument("time: missing unit in duration " +
                             Quoted(original));
    }
    int64_t ns = UnitNs(unit);
    if (ns == 0) {
      return InvalidArgument("time: unknown unit " + Quoted(unit) +
                             " in duration " + Quoted(original));
    }
    const uint64_t unit_ns = static_cast<uint64_t>(ns);
    if (whole > kMaxNs / unit_ns) return invalid();
    uint64_t part = whole * unit_ns;
    if (fraction > 0) {
      part += static_cast<uint64_t>(static_cast<double>(fraction) *
                                    (static_cast<double>(unit_ns) / scale));
      if (part > kMaxNs) return invalid();
    }
    total += part;
    if (total > kMaxNs) return invalid();
    text.remove_prefix(u);
  }
  if (!negative && total == kMaxNs) return invalid();
  if (total == kMaxNs) return std::numeric_limits<int64_t>::min();
  int64_t result = static_cast<int64_t>(total);
  return negative ? -result : result;
}

}  // namespace mybuild::frontend
