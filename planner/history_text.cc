#include "planner/history_text.h"

#include "frontend/unicode/go_strings.h"

namespace mybuild::planner {
namespace {

// Go's fmtFrac: the `prec` low decimal digits of v as a fraction, trailing
// zeros (and then the point) left out, put before `out`; returns v without
// them.
uint64_t PrependFraction(uint64_t v, int prec, std::string& out) {
  std::string digits;
  bool print = false;
  for (int i = 0; i < prec; ++i) {
    const char digit = static_cast<char>('0' + v % 10);
    print = print || digit != '0';
    if (print) digits.insert(digits.begin(), digit);
    v /= 10;
  }
  if (print) out.insert(0, "." + digits);
  return v;
}

}  // namespace

std::string GoList(const std::vector<std::string>& words) {
  std::string out = "[";
  for (size_t i = 0; i < words.size(); ++i) out += (i ? " " : "") + words[i];
  return out + "]";
}

std::string GoQuotedList(const std::vector<std::string>& words) {
  std::string out = "[";
  for (size_t i = 0; i < words.size(); ++i) {
    out += (i ? " " : "") + frontend::unicode::Quote(words[i]);
  }
  return out + "]";
}

std::string GoDuration(int64_t ns) {
  const bool negative = ns < 0;
  uint64_t u =
      negative ? 0 - static_cast<uint64_t>(ns) : static_cast<uint64_t>(ns);
  std::string out;
  if (u == 0) return "0s";
  if (u < 1000000000) {
    int prec = 0;
    if (u < 1000) {
      out = "ns";
    } else if (u < 1000000) {
      prec = 3;
      out = "\xc2\xb5s";  // U+00B5 MICRO SIGN, as Go writes it
    } else {
      prec = 6;
      out = "ms";
    }
    u = PrependFraction(u, prec, out);
    out.insert(0, std::to_string(u));
  } else {
    out = "s";
    u = PrependFraction(u, 9, out);
    out.insert(0, std::to_string(u % 60));
    u /= 60;
    if (u > 0) {
      out.insert(0, std::to_string(u % 60) + "m");
      u /= 60;
      if (u > 0) out.insert(0, std::to_string(u) + "h");
    }
  }
  return negative ? "-" + out : out;
}

std::string HealthcheckHistory(const oci::Healthcheck& h) {
  return "HEALTHCHECK {Test:" + GoList(h.test) +
         " Interval:" + GoDuration(h.interval) +
         " Timeout:" + GoDuration(h.timeout) +
         " StartPeriod:" + GoDuration(h.start_period) +
         " StartInterval:" + GoDuration(h.start_interval) +
         " Retries:" + std::to_string(h.retries) + "}";
}

std::string RunHistory(
    const std::vector<std::string>& argv,
    const std::vector<std::pair<std::string, std::string>>& build_args) {
  std::vector<std::string> words;
  if (!build_args.empty())
    words.push_back("|" + std::to_string(build_args.size()));
  for (const auto& [name, value] : build_args)
    words.push_back(name + "=" + value);
  words.insert(words.end(), argv.begin(), argv.end());
  std::string out = "RUN ";
  for (size_t i = 0; i < words.size(); ++i) out += (i ? " " : "") + words[i];
  return out;
}

}  // namespace mybuild::planner
