// The command of a shell-form RUN that has heredocs, as BuildKit's
// Dockerfile frontend makes it.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "frontend/instructions.h"
#include "planner/build_graph.h"

namespace mybuild::planner {

struct RunCommand {
  std::vector<std::string> argv;
  std::vector<InlineFile> files;  // for RunStep::files
};

// Whether a heredoc's delimiter can name a file of its own: not "", ".",
// "..", and without '/'. The planner refuses other heredocs that become
// files (COPY/ADD sources, RUN's #! script), so none is written outside
// the directory meant for it.
bool IsHeredocFileName(const std::string& name);

// The argv for RUN `command` (the shell form's one string) with its
// `heredocs` (bodies as the frontend read them, `<<-` tabs removed), run by
// `shell` (SHELL, e.g. {"/bin/sh", "-c"}):
//  - `command` is one heredoc marker and nothing else ("<<EOF", "<<-'X'",
//    "3<<EOF"): the body is the script, shell + {body}; but a body starting
//    with "#!" becomes the file kRunInlineDir/<name> and the shell runs
//    that path, so the kernel starts the interpreter the "#!" line names;
//  - otherwise ("python3 <<EOF", "<<EOF bash", "cat <<A <<B > f"): one
//    script, the command line, then each body followed by its delimiter on
//    lines of their own, so the shell feeds the heredocs itself.
// Bodies are not expanded: the shell does that when it runs them (quoting
// the delimiter stops it only where the shell reads the heredoc itself).
// Fails (InvalidArgument) when the marker does not lex (`<<'EOF`), and
// when a #! body's name is no file name (IsHeredocFileName):
//   heredoc name "a/b" cannot name a file
Expected<RunCommand> RunHeredocCommand(
    const std::string& command, const std::vector<frontend::Heredoc>& heredocs,
    const std::vector<std::string>& shell);

}  // namespace mybuild::planner
