// `mybuild man [COMMAND]`: groff man(7) pages made from the command table
// (cli/command_line.h SubcommandDocs): mybuild.1 lists every command,
// mybuild-NAME.1 gives one command's usage and its --help flags.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "cli/command_line.h"

namespace mybuild::cli::reference {

// mybuild.1.
std::string OverviewManPage(const std::vector<SubcommandDoc>& commands,
                            const std::string& version);

// mybuild-NAME.1; NotFound for a name not in `commands`.
Expected<std::string> CommandManPage(const std::string& name,
                                     const std::vector<SubcommandDoc>& commands,
                                     const std::string& version);

}  // namespace mybuild::cli::reference
