// The binary's completion scripts pass bash -n, zsh -n and fish -n, name
// every command of the table, and every man page renders with man -l.
#include <gtest/gtest.h>

#include <filesystem>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cli/command_line.h"
#include "registry/testing/subprocess.h"

namespace mybuild::cli {
namespace {

using registry::testing::CommandResult;

CommandResult Sh(const std::string& script) {
  Expected<CommandResult> r = registry::testing::RunCommand({"sh", "-c", script});
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? *r : CommandResult{};
}

bool Have(const std::string& tool) { return Sh("command -v " + tool).exit_code == 0; }

std::string Binary() { return std::filesystem::absolute("cli/mybuild").string(); }

TEST(ReferenceToolsTest, CompletionScriptsParseInTheirShells) {
  auto tmp = TempDir::Create();
  ASSERT_TRUE(tmp.ok());
  for (const char* shell : {"bash", "zsh", "fish"}) {
    if (!Have(shell)) {
      ADD_FAILURE() << shell << " is not installed (apt-get install " << shell << ")";
      continue;
    }
    std::string file = tmp->path() + "/mybuild." + shell;
    CommandResult made = Sh(Binary() + " completion " + shell + " > " + file);
    ASSERT_EQ(made.exit_code, 0) << made.output;
    CommandResult check = Sh(std::string(shell) + " -n " + file);
    EXPECT_EQ(check.exit_code, 0) << shell << ": " << check.output;
    Expected<std::string> text = ReadFile(file);
    ASSERT_TRUE(text.ok());
    for (const SubcommandDoc& c : SubcommandDocs()) {
      EXPECT_NE(text->find(" " + c.name), std::string::npos) << shell << ": " << c.name;
    }
  }
  // bash: the function completes commands and build's flags.
  std::string bash = tmp->path() + "/mybuild.bash";
  CommandResult words = Sh("bash -c '. " + bash +
                           "; COMP_WORDS=(mybuild bu); COMP_CWORD=1; _mybuild; "
                           "echo \"${COMPREPLY[*]}\"; COMP_WORDS=(mybuild build --no-c); "
                           "COMP_CWORD=2; _mybuild; echo \"${COMPREPLY[*]}\"'");
  EXPECT_EQ(words.output, "build\n--no-cache --no-cache-filter\n");
  EXPECT_EQ(Sh(Binary() + " completion tcsh").exit_code, 2);
}

TEST(ReferenceToolsTest, EveryManPageRenders) {
  if (!Have("man") || !Have("groff")) GTEST_SKIP() << "no man-db/groff";
  auto tmp = TempDir::Create();
  ASSERT_TRUE(tmp.ok());
  CommandResult made = Sh(Binary() + " man -o " + tmp->path() + "/man1");
  ASSERT_EQ(made.exit_code, 0) << made.output;
  std::vector<std::string> pages = {"mybuild"};
  for (const SubcommandDoc& c : SubcommandDocs()) pages.push_back("mybuild-" + c.name);
  for (const std::string& page : pages) {
    std::string file = tmp->path() + "/man1/" + page + ".1";
    // groff's warnings (-ww) on stderr mean a malformed page.
    CommandResult warn = Sh("groff -man -Tutf8 -ww -z " + file + " 2>&1");
    EXPECT_EQ(warn.output, "") << page;
    CommandResult shown = Sh("MANWIDTH=80 man -l " + file + " 2>&1 | col -b");
    EXPECT_EQ(shown.exit_code, 0) << shown.output;
    EXPECT_NE(shown.output.find("NAME"), std::string::npos) << shown.output;
    EXPECT_NE(shown.output.find(page), std::string::npos) << shown.output;
  }
  CommandResult build = Sh("MANWIDTH=80 man -l " + tmp->path() + "/man1/mybuild-build.1 | col -b");
  EXPECT_NE(build.output.find("--progress"), std::string::npos) << build.output;
  EXPECT_NE(build.output.find("mybuild-build - build an image"), std::string::npos)
      << build.output;
  // `mybuild man build` prints the same page.
  CommandResult one = Sh(Binary() + " man build | cmp - " + tmp->path() + "/man1/mybuild-build.1");
  EXPECT_EQ(one.exit_code, 0) << one.output;
  EXPECT_EQ(Sh(Binary() + " man nope").exit_code, 2);
}

TEST(ReferenceToolsTest, InstallScriptPutsEverythingUnderPrefix) {
  auto tmp = TempDir::Create();
  ASSERT_TRUE(tmp.ok());
  std::string script = std::filesystem::absolute("scripts/install.sh").string();
  CommandResult r = Sh("DESTDIR=" + tmp->path() + " MYBUILD_BINARY=" + Binary() + " sh " +
                       script + " /opt/mb 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "installed /opt/mb/bin/mybuild (mybuild 0.1.0), man pages and completions\n");
  std::string root = tmp->path() + "/opt/mb";
  for (const char* f : {"/bin/mybuild", "/share/man/man1/mybuild.1",
                        "/share/man/man1/mybuild-build.1", "/share/man/man1/mybuild-completion.1",
                        "/share/bash-completion/completions/mybuild",
                        "/share/zsh/vendor-completions/_mybuild",
                        "/share/fish/vendor_completions.d/mybuild.fish"}) {
    EXPECT_TRUE(std::filesystem::exists(root + f)) << f;
  }
  EXPECT_EQ(Sh("test -x " + root + "/bin/mybuild").exit_code, 0);
}

TEST(ReferenceToolsTest, VersionNamesCommitAndLibraries) {
  CommandResult v = Sh(Binary() + " version");
  ASSERT_EQ(v.exit_code, 0) << v.output;
  EXPECT_EQ(v.output.rfind("mybuild 0.1.0\ncommit: ", 0), 0u) << v.output;
  EXPECT_NE(v.output.find("\nlibseccomp: "), std::string::npos) << v.output;
  EXPECT_EQ(Sh(Binary() + " --version").output, v.output);
}

}  // namespace
}  // namespace mybuild::cli
