#include "cli/progress/printer.h"

#include <fmt/format.h>

namespace mybuild::cli::progress {

std::string StepName(const executor::StepLabel& s) {
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

}  // namespace mybuild::cli::progress
