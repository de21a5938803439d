#include "planner/run_heredoc.h"

#include <gtest/gtest.h>

namespace mybuild::planner {
namespace {

using Strings = std::vector<std::string>;
const Strings kSh = {"/bin/sh", "-c"};

frontend::Heredoc Doc(const std::string& name, const std::string& content) {
  frontend::Heredoc d;
  d.name = name;
  d.content = content;
  return d;
}

TEST(RunHeredocTest, OneHeredocIsTheScript) {
  for (const char* marker : {"<<EOF", "<<-EOF", "<<'EOF'", "<<\"EOF\"",
                             "3<<EOF", "<< EOF"}) {
    Expected<RunCommand> c =
        RunHeredocCommand(marker, {Doc("EOF", "echo a\necho $B\n")}, kSh);
    ASSERT_TRUE(c.ok()) << marker;
    EXPECT_EQ(c->argv, (Strings{"/bin/sh", "-c", "echo a\necho $B\n"}));
    EXPECT_TRUE(c->files.empty());
  }
  Expected<RunCommand> bash = RunHeredocCommand(
      "<<X", {Doc("X", "set -e\n")}, {"/bin/bash", "-eo", "pipefail", "-c"});
  ASSERT_TRUE(bash.ok());
  EXPECT_EQ(bash->argv,
            (Strings{"/bin/bash", "-eo", "pipefail", "-c", "set -e\n"}));
}

TEST(RunHeredocTest, ShebangBodyRunsAsAFile) {
  Expected<RunCommand> c = RunHeredocCommand(
      "<<SCRIPT", {Doc("SCRIPT", "#!/usr/bin/env python3\nprint(1)\n")}, kSh);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->argv, (Strings{"/bin/sh", "-c", "/dev/pipes/SCRIPT"}));
  EXPECT_EQ(c->files, (std::vector<InlineFile>{
                          {"SCRIPT", "#!/usr/bin/env python3\nprint(1)\n"}}));
  // Only a body that starts with "#!" is a file.
  c = RunHeredocCommand("<<S", {Doc("S", " #!/bin/sh\n")}, kSh);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->argv, (Strings{"/bin/sh", "-c", " #!/bin/sh\n"}));
  EXPECT_TRUE(c->files.empty());
}

TEST(RunHeredocTest, AnyOtherCommandIsOneScriptForTheShell) {
  Expected<RunCommand> c =
      RunHeredocCommand("python3 <<EOF", {Doc("EOF", "print(1)\n")}, kSh);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->argv, (Strings{"/bin/sh", "-c", "python3 <<EOF\nprint(1)\nEOF"}));
  EXPECT_TRUE(c->files.empty());
  c = RunHeredocCommand("<<EOF bash", {Doc("EOF", "echo hi\n")}, kSh);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->argv, (Strings{"/bin/sh", "-c", "<<EOF bash\necho hi\nEOF"}));
  // Several bodies follow in marker order; quotes stay in the command line
  // for the shell, the delimiter lines are bare; a shebang is just text.
  c = RunHeredocCommand("cat <<A > /a && cat <<'B' > /b",
                        {Doc("A", "#!x\n$HOME\n"), Doc("B", "")}, kSh);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->argv[2], "cat <<A > /a && cat <<'B' > /b\n#!x\n$HOME\nA\nB");
  EXPECT_TRUE(c->files.empty());
}

TEST(RunHeredocTest, MarkerThatDoesNotLexFails) {
  Expected<RunCommand> c = RunHeredocCommand("<<'EOF", {}, kSh);
  EXPECT_EQ(c.status().message(),
            "unexpected end of statement while looking for matching "
            "single-quote");
}

}  // namespace
}  // namespace mybuild::planner
