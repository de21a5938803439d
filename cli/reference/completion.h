// `mybuild completion bash|zsh|fish`: a completion script made from the
// command table (cli/command_line.h SubcommandDocs) and each command's
// --help flags, so it never lists a command or flag the parser lacks.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "cli/command_line.h"

namespace mybuild::cli::reference {

// InvalidArgument for a shell other than bash, zsh or fish.
Expected<std::string> CompletionScript(const std::string& shell,
                                       const std::vector<SubcommandDoc>& commands);

}  // namespace mybuild::cli::reference
