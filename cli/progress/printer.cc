#include "cli/progress/printer.h"

#include <fmt/format.h>

#include <iterator>

namespace mybuild::cli::progress {

std::string StepName(const executor::StepLabel& s) {
  if (s.index == 0) return s.text;
  std::string stage = s.stage.empty() ? "" : s.stage + " ";
  return fmt::format("[{}{}/{}] {}", stage, s.index, s.count, s.text);
}

std::vector<std::string> TakeLines(std::string& partial, std::string_view chunk) {
  partial.append(chunk);
  std::vector<std::string> lines;
  size_t start = 0, nl;
  while ((nl = partial.find('\n', start)) != std::string::npos) {
    lines.push_back(partial.substr(start, nl - start));
    start = nl + 1;
  }
  partial.erase(0, start);
  return lines;
}

std::string Seconds(double seconds) { return fmt::format("{:.1f}s", seconds); }

std::string ByteCount(int64_t bytes) {
  static const char* const kUnits[] = {"B", "kB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  size_t u = 0;
  while (v >= 1000 && u + 1 < std::size(kUnits)) {
    v /= 1000;
    ++u;
  }
  std::string n = fmt::format("{:.2f}", v);
  n.erase(n.find_last_not_of('0') + 1);
  if (n.back() == '.') n.pop_back();
  return n + kUnits[u];
}

std::string TransferText(const executor::TransferStatus& t, double seconds, bool first) {
  std::string line = t.id;
  if (t.total > 0) {
    line += " " + ByteCount(t.current) + " / " + ByteCount(t.total);
  } else if (t.current > 0) {
    line += " " + ByteCount(t.current);
  }
  if (!first) line += " " + Seconds(seconds);
  if (t.completed) line += " done";
  return line;
}

}  // namespace mybuild::cli::progress
