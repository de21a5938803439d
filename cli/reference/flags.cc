#include "cli/reference/flags.h"

#include <sstream>

namespace mybuild::cli::reference {

std::vector<Flag> FlagsOfHelp(const std::string& help) {
  std::vector<Flag> flags;
  std::istringstream in(help);
  std::string line;
  while (std::getline(in, line)) {
    size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || start == 0 || line[start] != '-') continue;
    size_t end = line.find(' ', start);
    std::string spelling = line.substr(start, end - start);
    Flag f;
    size_t from = 0;
    while (from <= spelling.size()) {
      size_t comma = spelling.find(',', from);
      std::string name = spelling.substr(from, comma - from);
      // CLI11 shows a flag's default value after it: --pull{always}.
      name = name.substr(0, name.find_first_of("{[="));
      if (name.size() > 1 && name[0] == '-') f.names.push_back(name);
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
    if (f.names.empty()) continue;
    std::string rest = end == std::string::npos ? "" : line.substr(end);
    size_t text = rest.find_first_not_of(' ');
    // One space then an upper-case word is the value's type; the
    // description starts after a run of spaces.
    if (text == 1 && text < rest.size() && std::isupper(static_cast<unsigned char>(rest[1]))) {
      f.takes_value = true;
      f.value = rest.substr(1, rest.find(' ', 1) - 1);
      size_t gap = rest.find("  ", 1);
      text = gap == std::string::npos ? std::string::npos : rest.find_first_not_of(' ', gap);
    }
    if (text != std::string::npos) f.description = rest.substr(text);
    flags.push_back(std::move(f));
  }
  return flags;
}

}  // namespace mybuild::cli::reference
