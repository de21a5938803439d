#include <CLI/CLI.hpp>

#include "cli/command_parsers.h"
#include "cli/registry_flags.h"

namespace mybuild::cli {

Expected<CommandLine> ParseLogin(const std::string& name,
                                 std::vector<std::string> args,
                                 CommandLine cl, const Host&) {
  LoginFlags& l = cl.login;
  CLI::App app(name == "login"
                   ? "Check credentials against a registry and save them"
                   : "Remove a registry's saved credentials",
               "mybuild " + name);
  app.add_option("registry", l.registry,
                 "Registry, e.g. quay.io or 127.0.0.1:5000")
      ->required();
  std::string retry_delay;
  if (name == "login") {
    app.add_option("-u,--username", l.username, "User name")->type_name("USER");
    app.add_option("-p,--password", l.password,
                   "Password (prefer --password-stdin)")
        ->type_name("PASS");
    app.add_flag("--password-stdin", l.password_stdin,
                 "Read the password from stdin");
    AddRegistryFlags(app, cl.registry, retry_delay);
  } else {
    app.add_option("--authfile", cl.registry.authfile,
                   "Auth file (default $REGISTRY_AUTH_FILE, else Docker's)")
        ->type_name("FILE");
  }
  AddRoot(app, cl);
  ASSIGN_OR_RETURN(bool help, RunParser(app, name, std::move(args), &cl.help));
  RETURN_IF_ERROR(FinishRegistryFlags(retry_delay, cl.registry));
  cl.command = help              ? Command::kHelp
               : name == "login" ? Command::kLogin
                                 : Command::kLogout;
  if (help || name == "logout") return cl;
  if (!l.password.empty() && l.password_stdin) {
    return InvalidArgument("-p and --password-stdin exclude each other");
  }
  if (l.username.empty())
    return InvalidArgument("login needs a user name (-u USER)");
  if (l.password.empty() && !l.password_stdin) {
    return InvalidArgument(
        "login needs a password (-p PASS or --password-stdin)");
  }
  return cl;
}

}  // namespace mybuild::cli
