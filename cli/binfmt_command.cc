// `mybuild binfmt install [ARCH...]`: registers qemu-user-static's
// binfmt_misc handlers with the F flag, so builds for those platforms can
// RUN. A build never does this itself (executor/binfmt_install.h).
#include <fstream>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "executor/binfmt_check.h"
#include "executor/binfmt_install.h"

namespace mybuild::cli {

namespace {

// The architectures mybuild can emulate whose Debian handler file is there.
std::vector<std::string> Installable(const executor::BinfmtPaths& paths) {
  std::vector<std::string> out;
  for (const char* arch : {"arm64", "arm", "386", "ppc64le", "s390x", "riscv64", "mips64le"}) {
    if (std::ifstream(paths.specs + "/" + executor::QemuHandlerName(arch))) out.push_back(arch);
  }
  return out;
}

}  // namespace

int RunBinfmtInstall(const CommandLine& cl, std::ostream& out, std::ostream& err) {
  executor::BinfmtPaths paths;
  std::vector<std::string> archs = cl.args.empty() ? Installable(paths) : cl.args;
  if (archs.empty()) {
    return Fail(err, NotFound("binfmt install: no qemu-user handler in " + paths.specs +
                              " (apt-get install qemu-user-static)"));
  }
  Expected<std::vector<std::string>> done = executor::InstallBinfmt(archs, paths);
  if (!done.ok()) return Fail(err, done.status());
  for (const std::string& line : *done) out << line << "\n";
  return kExitOk;
}

}  // namespace mybuild::cli
