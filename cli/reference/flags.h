// The flags a subcommand's --help lists (CLI11's "  -t,--tag TEXT ..."
// lines), for completion scripts and man pages.
#pragma once

#include <string>
#include <vector>

namespace mybuild::cli::reference {

struct Flag {
  std::vector<std::string> names;  // "-t", "--tag", in the order listed
  bool takes_value = false;        // a TYPE follows the names
  std::string value;               // that TYPE as shown: "REF", "K[=V]"
  std::string description;
};

std::vector<Flag> FlagsOfHelp(const std::string& help);

}  // namespace mybuild::cli::reference
