// Parsing of `mybuild login` and `mybuild logout` (run in login_command.cc).
#pragma once

#include <string>
#include <vector>

#include "cli/command_line.h"

namespace mybuild::cli {

// `name` is "login" or "logout"; `args` follow it. Usage errors as
// ParseCommandLine's, e.g. "-p and --password-stdin exclude each other".
Expected<CommandLine> ParseLogin(const std::string& name,
                                 std::vector<std::string> args, CommandLine cl);

}  // namespace mybuild::cli
