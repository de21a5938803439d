#include <gtest/gtest.h>

#include "cli/reference/completion.h"
#include "cli/reference/flags.h"
#include "cli/reference/man_page.h"

namespace mybuild::cli::reference {
namespace {

TEST(FlagsOfHelpTest, ReadsCli11OptionLines) {
  std::vector<Flag> f = FlagsOfHelp(
      "Build an image\nUsage: mybuild build [OPTIONS] CONTEXT\n\nPositionals:\n"
      "  CONTEXT TEXT                Build context\n\nOptions:\n"
      "  -h,--help                   Print this help message and exit\n"
      "  -t,--tag TEXT ...           Name and tag\n"
      "  --no-cache                  Do not use the cache\n"
      "  --pull{always}              When to pull\n");
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[3].names, (std::vector<std::string>{"--pull"}));
  EXPECT_EQ(f[0].names, (std::vector<std::string>{"-h", "--help"}));
  EXPECT_FALSE(f[0].takes_value);
  EXPECT_EQ(f[0].description, "Print this help message and exit");
  EXPECT_EQ(f[1].names, (std::vector<std::string>{"-t", "--tag"}));
  EXPECT_TRUE(f[1].takes_value);
  EXPECT_EQ(f[1].value, "TEXT");
  EXPECT_EQ(f[1].description, "Name and tag");
  EXPECT_EQ(f[2].names, (std::vector<std::string>{"--no-cache"}));
  EXPECT_FALSE(f[2].takes_value);
}

TEST(CompletionTest, EveryCommandAndBuildFlagInEveryShell) {
  std::vector<SubcommandDoc> docs = SubcommandDocs();
  ASSERT_GE(docs.size(), 20u);
  for (const char* shell : {"bash", "zsh", "fish"}) {
    Expected<std::string> s = CompletionScript(shell, docs);
    ASSERT_TRUE(s.ok()) << shell;
    for (const SubcommandDoc& c : docs) {
      EXPECT_NE(s->find(c.name), std::string::npos) << shell << " " << c.name;
    }
    // Flags of build, from its --help.
    for (const char* flag : {"tag", "progress", "no-cache", "build-arg", "lint"}) {
      EXPECT_NE(s->find(flag), std::string::npos) << shell << " " << flag;
    }
  }
  Expected<std::string> fish = CompletionScript("fish", docs);
  EXPECT_NE(fish->find("__fish_seen_subcommand_from build' -s t -l tag -r"), std::string::npos)
      << *fish;
  EXPECT_NE(CompletionScript("bash", docs)->find("    build) flags='"), std::string::npos);
  EXPECT_FALSE(CompletionScript("tcsh", docs).ok());
}

TEST(ManPageTest, OverviewListsEveryCommandAndEachHasAPage) {
  std::vector<SubcommandDoc> docs = SubcommandDocs();
  std::string top = OverviewManPage(docs, "mybuild 0.1.0");
  EXPECT_EQ(top.rfind(".TH MYBUILD 1 \"\" \"mybuild 0.1.0\" \"mybuild manual\"\n", 0), 0u) << top;
  for (const SubcommandDoc& c : docs) {
    EXPECT_NE(top.find(".BR mybuild-" + c.name + " (1)"), std::string::npos) << c.name;
    Expected<std::string> page = CommandManPage(c.name, docs, "mybuild 0.1.0");
    ASSERT_TRUE(page.ok()) << c.name;
    std::string th = ".TH MYBUILD-";
    for (char ch : c.name) th += static_cast<char>(std::toupper(ch));
    EXPECT_EQ(page->rfind(th + " 1 ", 0), 0u) << *page;
    EXPECT_NE(page->find(".SH NAME\nmybuild\\-" + c.name + " \\- "), std::string::npos) << *page;
  }
  Expected<std::string> build = CommandManPage("build", docs, "mybuild 0.1.0");
  EXPECT_NE(build->find(".TP\n.B \\-t, \\-\\-tag \\fIREF\\fR\n"), std::string::npos) << *build;
  EXPECT_FALSE(CommandManPage("nope", docs, "x").ok());
}

}  // namespace
}  // namespace mybuild::cli::reference
