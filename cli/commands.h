// The subcommands of `mybuild`. Each returns the process exit code and
// writes its errors to `err` as "mybuild: <message>".
#pragma once

#include <istream>
#include <ostream>

#include "cli/command_line.h"

namespace mybuild::cli {

int RunBuild(const CommandLine& cl, std::ostream& out, std::ostream& err);
int RunPush(const CommandLine& cl, std::ostream& out, std::ostream& err);
// `mybuild pull REF`: prints REF@sha256:... (what the registry named).
int RunPull(const CommandLine& cl, std::ostream& out, std::ostream& err);

// Image commands (image_commands.cc, archive_commands.cc).
int RunImages(const CommandLine& cl, std::ostream& out, std::ostream& err);
int RunHistory(const CommandLine& cl, std::ostream& out, std::ostream& err);
int RunInspect(const CommandLine& cl, std::ostream& out, std::ostream& err);
int RunTag(const CommandLine& cl, std::ostream& out, std::ostream& err);
int RunRmi(const CommandLine& cl, std::ostream& out, std::ostream& err);
int RunSave(const CommandLine& cl, std::ostream& out, std::ostream& err);
int RunLoad(const CommandLine& cl, std::ostream& out, std::ostream& err);

int RunDumpAst(const CommandLine& cl, std::ostream& out, std::ostream& err);
// Plans as `build` would (resolving base images) and prints the graph.
int RunDumpGraph(const CommandLine& cl, std::ostream& out, std::ostream& err);

// `mybuild du`, `prune` and `cache verify` (cache_commands.cc).
int RunDu(const CommandLine& cl, std::ostream& out, std::ostream& err);
int RunPrune(const CommandLine& cl, std::ostream& out, std::ostream& err);
int RunCacheVerify(const CommandLine& cl, std::ostream& out, std::ostream& err);

// `mybuild login` (password from `in` with --password-stdin) and `logout`
// (login_command.cc).
int RunLogin(const CommandLine& cl, std::istream& in, std::ostream& out,
             std::ostream& err);
int RunLogout(const CommandLine& cl, std::ostream& out, std::ostream& err);

// `mybuild binfmt install [ARCH...]` (binfmt_command.cc).
int RunBinfmtInstall(const CommandLine& cl, std::ostream& out, std::ostream& err);

}  // namespace mybuild::cli
