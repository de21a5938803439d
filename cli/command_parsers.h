// Inside the command-line parser: one function per subcommand (or family)
// and the CLI11 glue they share. Only command_line*.cc and *_flags.cc use it.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/command_line.h"

namespace mybuild::cli {

// Parses the words after the subcommand `name` into `cl`.
using SubcommandParser = Expected<CommandLine> (*)(const std::string& name,
                                                   std::vector<std::string> args,
                                                   CommandLine cl, const Host& host);

// Runs CLI11's `app` over `args`; turns its errors and leftovers into our
// messages (`unknown flag --x for NAME (did you mean --y?)`, `unexpected
// argument "a" for NAME`). Returns true when help was asked for (then `help`
// holds it).
Expected<bool> RunParser(CLI::App& app, const std::string& name,
                         std::vector<std::string> args, std::string* help);

// Adds --root DIR, bound to cl.root.
void AddRoot(CLI::App& app, CommandLine& cl);

// binfmt_command.cc: binfmt install.
Expected<CommandLine> ParseBinfmt(const std::string& name, std::vector<std::string> args,
                                  CommandLine cl, const Host& host);
// build_flags.cc
Expected<CommandLine> ParseBuild(const std::string& name, std::vector<std::string> args,
                                 CommandLine cl, const Host& host);
// image_flags.cc: push, images, tag, rmi, inspect, history, save, load, version.
Expected<CommandLine> ParseImageCommand(const std::string& name, std::vector<std::string> args,
                                        CommandLine cl, const Host& host);
// login_flags.cc: login, logout.
Expected<CommandLine> ParseLogin(const std::string& name, std::vector<std::string> args,
                                 CommandLine cl, const Host& host);
// store_flags.cc: du, prune, cache verify, lint, debug.
Expected<CommandLine> ParseStore(const std::string& name, std::vector<std::string> args,
                                 CommandLine cl, const Host& host);
Expected<CommandLine> ParseCache(const std::string& name, std::vector<std::string> args,
                                 CommandLine cl, const Host& host);
Expected<CommandLine> ParseLint(const std::string& name, std::vector<std::string> args,
                                CommandLine cl, const Host& host);
Expected<CommandLine> ParseDebug(const std::string& name, std::vector<std::string> args,
                                 CommandLine cl, const Host& host);

}  // namespace mybuild::cli
