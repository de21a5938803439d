#include "lint/pragma.h"

#include <gtest/gtest.h>

namespace mybuild::lint {
namespace {

using Codes = std::vector<std::string>;

TEST(PragmaTest, ParsesTheFourKinds) {
  auto p = ParsePragma(" hadolint ignore=DL3006,DL3008");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, Pragma::Kind::kIgnore);
  EXPECT_EQ(p->codes, (Codes{"DL3006", "DL3008"}));
  p = ParsePragma("hadolint global ignore = DL3003 , SC2086 # we accept");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, Pragma::Kind::kGlobalIgnore);
  EXPECT_EQ(p->codes, (Codes{"DL3003", "SC2086"}));
  p = ParsePragma(" hadolint stage ignore=DL3059");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, Pragma::Kind::kStageIgnore);
  p = ParsePragma(" hadolint shell=powershell # windows");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->kind, Pragma::Kind::kShell);
  EXPECT_EQ(p->shell, "powershell");
}

TEST(PragmaTest, MalformedPragmasAreOrdinaryComments) {
  EXPECT_FALSE(ParsePragma(" hadolint ignore=DL3006 because"));
  EXPECT_FALSE(ParsePragma(" hadolint ignore="));
  EXPECT_FALSE(ParsePragma(" hadolintignore=DL3006"));
  EXPECT_FALSE(ParsePragma(" Hadolint ignore=DL3006"));
  EXPECT_FALSE(ParsePragma(" hadolint globalignore=DL3006"));
  EXPECT_FALSE(ParsePragma(" hadolint ignore DL3006"));
  EXPECT_FALSE(ParsePragma(" just a comment"));
}

TEST(PragmaTest, CollectsByLine) {
  Pragmas p = CollectPragmas(
      "# hadolint global ignore=DL3003\n"
      "FROM ubuntu\n"
      "  # hadolint ignore=DL3008\n"
      "RUN apt-get install x\n"
      "# hadolint stage ignore=DL3059\n"
      "# hadolint shell=pwsh\n"
      "FROM b\n");
  EXPECT_EQ(p.global_ignores, (std::set<std::string>{"DL3003"}));
  EXPECT_EQ(p.line_ignores.at(4), (std::set<std::string>{"DL3008"}));
  EXPECT_EQ(p.ignore_lines, (std::vector<int>{3}));
  EXPECT_EQ(p.stage_ignores.at(5), (std::set<std::string>{"DL3059"}));
  EXPECT_EQ(p.shells.at(6), "pwsh");
}

TEST(PragmaTest, IgnoreAppliesToTheNextLineOnly) {
  Pragmas p =
      CollectPragmas("FROM a\n# hadolint ignore=DL3008\nRUN x\nRUN y\n");
  std::vector<int> stages = {1};
  EXPECT_TRUE(p.Ignores("DL3008", 3, stages));
  EXPECT_FALSE(p.Ignores("DL3008", 4, stages));
  EXPECT_FALSE(p.Ignores("DL3009", 3, stages));
}

TEST(PragmaTest, StageIgnoreHoldsUntilTheNextFrom) {
  Pragmas p = CollectPragmas(
      "FROM a\nRUN x\n# hadolint stage ignore=DL3059\nRUN y\nRUN z\nFROM b\n"
      "RUN w\n");
  std::vector<int> stages = {1, 6};
  EXPECT_FALSE(p.Ignores("DL3059", 2, stages));
  EXPECT_TRUE(p.Ignores("DL3059", 4, stages));
  EXPECT_TRUE(p.Ignores("DL3059", 5, stages));
  EXPECT_FALSE(p.Ignores("DL3059", 7, stages));
}

TEST(PragmaTest, GlobalIgnoreHoldsEverywhere) {
  Pragmas p =
      CollectPragmas("FROM a\nRUN x\n# hadolint global ignore=DL3059\n");
  EXPECT_TRUE(p.Ignores("DL3059", 2, {1}));
}

TEST(PragmaTest, ShellPragmaIsPerStage) {
  Pragmas p = CollectPragmas(
      "FROM w\n# hadolint shell=powershell\nRUN a\nFROM l\nRUN b\n");
  std::vector<int> stages = {1, 4};
  EXPECT_EQ(p.ShellAt(3, stages), "powershell");
  EXPECT_EQ(p.ShellAt(5, stages), "");
}

TEST(PragmaTest, SkippedLinesAreNotPragmas) {
  Pragmas p = CollectPragmas("RUN <<EOF\n# hadolint ignore=DL3008\nEOF\n", {2});
  EXPECT_TRUE(p.line_ignores.empty());
}

TEST(PragmaTest, CrLfLines) {
  Pragmas p = CollectPragmas("# hadolint ignore=DL3006\r\nFROM a\r\n");
  EXPECT_TRUE(p.Ignores("DL3006", 2, {2}));
}

}  // namespace
}  // namespace mybuild::lint
