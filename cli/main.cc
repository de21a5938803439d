// The `mybuild` binary: parses the command line and runs the subcommand.
#include <signal.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/reference/completion.h"
#include "cli/reference/man_page.h"
#include "cli/version/version.h"
#include "executor/sandbox.h"
#include "lint/run_lint.h"
#include "rootless/state_dirs.h"
#include "rootless/user_namespace.h"

namespace {

// Ctrl-C or SIGTERM: kill every running step (their namespaces and mounts
// die with them), then die of the same signal.
void OnSignal(int sig) {
  mybuild::executor::KillAllSandboxes();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// `mybuild man [COMMAND]` prints a page; `-o DIR` writes every page there.
int RunMan(const mybuild::cli::CommandLine& cl, std::ostream& out, std::ostream& err) {
  using namespace mybuild::cli;
  std::vector<SubcommandDoc> docs = SubcommandDocs();
  if (!cl.image.output.empty()) {
    std::vector<std::pair<std::string, std::string>> pages = {
        {"mybuild.1", reference::OverviewManPage(docs, Version())}};
    for (const SubcommandDoc& c : docs) {
      pages.push_back({"mybuild-" + c.name + ".1",
                       *reference::CommandManPage(c.name, docs, Version())});
    }
    std::error_code ec;
    std::filesystem::create_directories(cl.image.output, ec);
    for (const auto& [file, text] : pages) {
      std::ofstream f(cl.image.output + "/" + file);
      f << text;
      if (!f.flush()) {
        err << "mybuild: man: cannot write " << cl.image.output << "/" << file << "\n";
        return kExitFailed;
      }
    }
    return kExitOk;
  }
  if (cl.args.empty()) {
    out << reference::OverviewManPage(docs, Version());
    return kExitOk;
  }
  mybuild::Expected<std::string> page = reference::CommandManPage(cl.args[0], docs, Version());
  if (!page.ok()) {
    err << "mybuild: " << page.status().message() << "\n";
    return kExitUsage;
  }
  out << *page;
  return kExitOk;
}

// Commands that only print or touch the user's own files run as the caller;
// every other one works on the store and RUN steps as root in a user namespace.
bool NeedsUserNamespace(mybuild::cli::Command c) {
  using mybuild::cli::Command;
  switch (c) {
    case Command::kHelp:
    case Command::kVersion:
    case Command::kCompletion:
    case Command::kMan:
    case Command::kLint:
    case Command::kDumpAst:
    case Command::kLogin:
    case Command::kLogout:
    case Command::kBinfmtInstall:  // the host's kernel: only real root may
      return false;
    default:
      return true;
  }
}

// A non-root caller: runtime files under $XDG_RUNTIME_DIR (TMPDIR unless
// set), then the user namespace; the error names what to fix.
bool EnterRootless() {
  if (std::getenv("TMPDIR") == nullptr) {
    std::string run = mybuild::rootless::UserRuntimeDir(
        [](const std::string& k) {
          const char* v = std::getenv(k.c_str());
          return std::string(v ? v : "");
        },
        ::getuid());
    if (mybuild::rootless::PrepareRuntimeDir(run, ::getuid())) ::setenv("TMPDIR", run.c_str(), 1);
  }
  mybuild::Status st = mybuild::rootless::EnterRootless();
  if (!st.ok()) {
    std::cerr << "mybuild: " << st.message() << "\n";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace mybuild::cli;
  ::signal(SIGINT, OnSignal);
  ::signal(SIGTERM, OnSignal);
  std::vector<std::string> args(argv + 1, argv + argc);
  Host host{[](const std::string& k) {
              const char* v = std::getenv(k.c_str());
              return std::string(v ? v : "");
            },
            [](const std::string& p) {
              struct stat st;
              return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
            },
            ::geteuid() != 0};
  auto cl = ParseCommandLine(args, host);
  if (!cl.ok()) {
    std::cerr << "mybuild: " << cl.status().message()
              << "\nRun 'mybuild --help' for usage.\n";
    return kExitUsage;
  }
  // Sandboxes and mounts need absolute paths; a relative --root is the cwd's.
  cl->root = std::filesystem::absolute(cl->root).lexically_normal().string();
  if (host.rootless && NeedsUserNamespace(cl->command) && !EnterRootless()) {
    return kExitFailed;
  }
  switch (cl->command) {
    case Command::kHelp:
      std::cout << cl->help;
      return kExitOk;
    case Command::kVersion:
      std::cout << VersionReport();
      return kExitOk;
    case Command::kBuild:
      return RunBuild(*cl, std::cout, std::cerr);
    case Command::kPush:
      return RunPush(*cl, std::cout, std::cerr);
    case Command::kPull:
      return RunPull(*cl, std::cout, std::cerr);
    case Command::kImages:
      return RunImages(*cl, std::cout, std::cerr);
    case Command::kHistory:
      return RunHistory(*cl, std::cout, std::cerr);
    case Command::kInspect:
      return RunInspect(*cl, std::cout, std::cerr);
    case Command::kTag:
      return RunTag(*cl, std::cout, std::cerr);
    case Command::kRmi:
      return RunRmi(*cl, std::cout, std::cerr);
    case Command::kSave:
      return RunSave(*cl, std::cout, std::cerr);
    case Command::kLoad:
      return RunLoad(*cl, std::cout, std::cerr);
    case Command::kDumpAst:
      return RunDumpAst(*cl, std::cout, std::cerr);
    case Command::kDumpGraph:
      return RunDumpGraph(*cl, std::cout, std::cerr);
    case Command::kDu:
      return RunDu(*cl, std::cout, std::cerr);
    case Command::kPrune:
      return RunPrune(*cl, std::cout, std::cerr);
    case Command::kCacheVerify:
      return RunCacheVerify(*cl, std::cout, std::cerr);
    case Command::kLogin:
      return RunLogin(*cl, std::cin, std::cout, std::cerr);
    case Command::kLogout:
      return RunLogout(*cl, std::cout, std::cerr);
    case Command::kCompletion: {
      mybuild::Expected<std::string> script =
          reference::CompletionScript(cl->args[0], SubcommandDocs());
      if (!script.ok()) {
        std::cerr << "mybuild: " << script.status().message() << "\n";
        return kExitUsage;
      }
      std::cout << *script;
      return kExitOk;
    }
    case Command::kMan:
      return RunMan(*cl, std::cout, std::cerr);
    case Command::kBinfmtInstall:
      return RunBinfmtInstall(*cl, std::cout, std::cerr);
    case Command::kLint:
      return mybuild::lint::RunLint(cl->args, std::cin, std::cout, std::cerr);
  }
  return kExitFailed;
}
