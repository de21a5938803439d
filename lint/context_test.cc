#include "lint/context.h"

#include <gtest/gtest.h>

#include "lint/shell/dump.h"

namespace mybuild::lint {
namespace {

frontend::Dockerfile Parse(std::string_view text) {
  auto df = frontend::ParseDockerfile(text, "Dockerfile");
  EXPECT_TRUE(df.ok()) << df.status().message();
  return df.ok() ? *df : frontend::Dockerfile{};
}

const frontend::RunInstruction& RunAt(const frontend::Dockerfile& df,
                                      size_t stage, size_t index) {
  return std::get<frontend::RunInstruction>(
      df.stages.at(stage).instructions.at(index));
}

TEST(LintContextTest, LinesStagesAndInstructions) {
  std::string text = "FROM a:1\r\nRUN x\nFROM b:1\nUSER u\n";
  frontend::Dockerfile df = Parse(text);
  LintContext ctx(df, text, {});
  EXPECT_EQ(ctx.lines().size(), 4u);
  EXPECT_EQ(ctx.lines()[0], "FROM a:1");
  EXPECT_EQ(ctx.stage_starts(), (std::vector<int>{1, 3}));
  ASSERT_EQ(ctx.instructions().size(), 2u);
  EXPECT_EQ(ctx.instructions()[1].stage, 1u);
}

TEST(LintContextTest, RunScriptsAreParsedOnce) {
  std::string text = "FROM a:1\nRUN apt-get update && apt-get install -y x\n";
  frontend::Dockerfile df = Parse(text);
  LintContext ctx(df, text, {});
  const shell::ParsedShell* sh = ctx.Shell(RunAt(df, 0, 0));
  ASSERT_NE(sh, nullptr);
  EXPECT_EQ(sh, ctx.Shell(RunAt(df, 0, 0)));
  EXPECT_EQ(sh->commands().size(), 2u);
}

TEST(LintContextTest, JsonFormAndHeredocScripts) {
  frontend::RunInstruction json;
  json.json_form = true;
  json.args = {"apt-get", "install", "-y", "x"};
  EXPECT_EQ(LintContext::ScriptOf(json), "apt-get install -y x");
  frontend::RunInstruction alone;
  alone.args = {"<<EOF"};
  alone.heredocs = {{"EOF", "apt-get update\n", true, false, 0}};
  EXPECT_EQ(LintContext::ScriptOf(alone), "apt-get update\n");
  frontend::RunInstruction fed;
  fed.args = {"python3 <<EOF"};
  fed.heredocs = {{"EOF", "print(1)\n", true, false, 0}};
  EXPECT_EQ(LintContext::ScriptOf(fed), "python3 <<EOF\nprint(1)\nEOF\n");
}

TEST(LintContextTest, NonPosixShellsHaveNoFacts) {
  std::string text =
      "FROM w:1\nSHELL [\"pwsh\", \"-c\"]\nRUN Get-Item x | y\n"
      "FROM l:1\n# hadolint shell=powershell\nRUN a\n"
      "FROM m:1\nRUN b\n";
  frontend::Dockerfile df = Parse(text);
  LintContext ctx(df, text, {});
  EXPECT_EQ(ctx.Shell(RunAt(df, 0, 1)), nullptr);
  EXPECT_EQ(ctx.ShellName(RunAt(df, 0, 1)), "pwsh -c");
  EXPECT_EQ(ctx.Shell(RunAt(df, 1, 0)), nullptr);
  EXPECT_EQ(ctx.ShellName(RunAt(df, 1, 0)), "powershell");
  EXPECT_NE(ctx.Shell(RunAt(df, 2, 0)), nullptr);
  EXPECT_EQ(ctx.ShellName(RunAt(df, 2, 0)), "/bin/sh -c");
}

TEST(LintContextTest, WindowsImagesDefaultToCmd) {
  std::string text =
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n"
      "FROM debian:12\nRUN ls\n";
  frontend::Dockerfile df = Parse(text);
  LintContext ctx(df, text, {});
  EXPECT_EQ(ctx.ShellName(RunAt(df, 0, 0)), "cmd /S /C");
  EXPECT_EQ(ctx.Shell(RunAt(df, 0, 0)), nullptr);
  EXPECT_EQ(ctx.ShellName(RunAt(df, 1, 0)), "/bin/sh -c");
  std::string escaped = "# escape=`\nFROM base:1\nRUN dir\n";
  frontend::Dockerfile df2 = Parse(escaped);
  LintContext ctx2(df2, escaped, {});
  EXPECT_EQ(ctx2.ShellName(RunAt(df2, 0, 0)), "cmd /S /C");
}

TEST(LintContextTest, PragmasSkipHeredocBodies) {
  std::string text =
      "FROM a:1\nRUN <<EOF\n# hadolint ignore=DL3008\napt-get install x\nEOF\n"
      "# hadolint ignore=DL3003\nRUN cd /\n";
  frontend::Dockerfile df = Parse(text);
  LintContext ctx(df, text, {});
  EXPECT_EQ(ctx.pragmas().ignore_lines, (std::vector<int>{6}));
}

TEST(IsNonPosixShellTest, Names) {
  EXPECT_TRUE(IsNonPosixShell("powershell -command"));
  EXPECT_TRUE(IsNonPosixShell("C:\\Windows\\System32\\cmd.exe /S /C"));
  EXPECT_TRUE(IsNonPosixShell("/usr/bin/pwsh -c"));
  EXPECT_FALSE(IsNonPosixShell("/bin/bash -o pipefail -c"));
}

}  // namespace
}  // namespace mybuild::lint
