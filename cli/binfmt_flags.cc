// `mybuild binfmt install [ARCH...]`'s words (the command: binfmt_command.cc).
#include "cli/command_parsers.h"

namespace mybuild::cli {

Expected<CommandLine> ParseBinfmt(const std::string&, std::vector<std::string> args,
                                  CommandLine cl, const Host&) {
  if (!args.empty() && (args.back() == "--help" || args.back() == "-h")) {
    cl.help = "Usage: mybuild binfmt install [ARCH...]\n\n"
              "Register Debian's qemu-user-static handlers (/usr/share/binfmts) in\n"
              "binfmt_misc with the F flag, so RUN steps of those platforms work in the\n"
              "sandbox. ARCH as in --platform (arm64, arm, ppc64le, s390x, riscv64, 386);\n"
              "none: every one qemu-user-static has. Needs root; a build never does this.\n";
    return cl;
  }
  if (args.empty() || args[0] != "install") {
    return InvalidArgument("usage: mybuild binfmt install [ARCH...]");
  }
  cl.command = Command::kBinfmtInstall;
  cl.args.assign(args.begin() + 1, args.end());
  return cl;
}

}  // namespace mybuild::cli
