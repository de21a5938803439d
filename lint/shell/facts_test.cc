#include "lint/shell/facts.h"

#include <gtest/gtest.h>

namespace mybuild::lint::shell {
namespace {

// "name arg arg [wrapper]" for each invocation.
std::vector<std::string> Commands(const std::string& text) {
  ParsedShell sh(text);
  std::vector<std::string> out;
  for (const Invocation& inv : sh.commands()) {
    std::string s = inv.name;
    for (const std::string& a : inv.args) s += " " + a;
    if (!inv.wrapper.empty()) s += " [" + inv.wrapper + "]";
    out.push_back(s);
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(FactsTest, CommandsInSourceOrderIncludingNested) {
  EXPECT_EQ(Commands("apt-get update && apt-get install -y \"$PKG\" "
                     "&& rm -rf /var/lib/apt/lists/*"),
            (Lines{"apt-get update", "apt-get install -y $PKG",
                   "rm -rf /var/lib/apt/lists/*"}));
  EXPECT_EQ(Commands("if [ -x \"$(command -v curl)\" ]; then cd /t; fi"),
            (Lines{"[ -x $(command -v curl) ]", "command -v curl", "cd /t"}));
  EXPECT_EQ(Commands("for p in a b; do pip install $p; done | tee l"),
            (Lines{"pip install $p", "tee l"}));
  EXPECT_EQ(Commands("X=1 >out"), Lines{});
}

TEST(FactsTest, WrappersAreSeenThrough) {
  EXPECT_EQ(
      Commands("sudo -u root -E apt-get install x"),
      (Lines{"sudo -u root -E apt-get install x", "apt-get install x [sudo]"}));
  EXPECT_EQ(Commands("env -i A=1 B=2 pip install y"),
            (Lines{"env -i A=1 B=2 pip install y", "pip install y [env]"}));
  EXPECT_EQ(Commands("timeout -s KILL 60 curl -o f u"),
            (Lines{"timeout -s KILL 60 curl -o f u", "curl -o f u [timeout]"}));
  EXPECT_EQ(Commands("gosu app nohup npm start"),
            (Lines{"gosu app nohup npm start", "nohup npm start [gosu]",
                   "npm start [nohup]"}));
  EXPECT_EQ(Commands("command -v apt-get"), (Lines{"command -v apt-get"}));
  EXPECT_EQ(
      Commands("xargs -n1 apt-get install -y"),
      (Lines{"xargs -n1 apt-get install -y", "apt-get install -y [xargs]"}));
  EXPECT_EQ(Commands("sudo"), (Lines{"sudo"}));
}

TEST(FactsTest, ShellDashCScriptsAreParsed) {
  EXPECT_EQ(Commands("su app -c 'x' && bash -ec 'cd /a && make install'"),
            (Lines{"su app -c x", "bash -ec cd /a && make install",
                   "cd /a [bash -c]", "make install [bash -c]"}));
  EXPECT_EQ(Commands("sh -o pipefail -c 'a | b'"),
            (Lines{"sh -o pipefail -c a | b", "a [sh -c]", "b [sh -c]"}));
  EXPECT_EQ(Commands("sh script.sh -c x"), (Lines{"sh script.sh -c x"}));
  ParsedShell sh("bash -c 'apt-get install x'");
  ASSERT_EQ(sh.commands().size(), 2u);
  EXPECT_EQ(sh.commands()[1].node, sh.commands()[0].node);
}

TEST(FactsTest, ShellReadingAHeredocRunsItsBody) {
  EXPECT_EQ(Commands("bash -e <<EOT\napt-get update\ncd /x\nEOT\n"),
            (Lines{"bash -e", "apt-get update [bash -c]", "cd /x [bash -c]"}));
  EXPECT_EQ(Commands("cat <<EOT\nrm -rf /\nEOT\n"), (Lines{"cat"}));
  EXPECT_EQ(Commands("bash script.sh <<EOT\nanswer\nEOT\n"),
            (Lines{"bash script.sh"}));
}

TEST(FactsTest, Queries) {
  ParsedShell sh("apt-get install -y curl && cd /x && curl -fsSL u | sh");
  EXPECT_TRUE(sh.Uses("cd"));
  EXPECT_FALSE(sh.Uses("wget"));
  EXPECT_TRUE(sh.AnyCommand(
      [](const Invocation& i) { return i.Is("apt-get", "install"); }));
  EXPECT_FALSE(
      sh.NoCommands([](const Invocation& i) { return i.HasFlag("y"); }));
  EXPECT_TRUE(sh.HasPipes());
}

TEST(FactsTest, FindCountsOnlyCommandNames) {
  ParsedShell sh("apt-get install -y curl && curl -fsSL u | sh");
  EXPECT_EQ(sh.Find("curl").size(), 1u);
  EXPECT_EQ(sh.Find("sh").size(), 1u);
}

TEST(FactsTest, Pipes) {
  EXPECT_FALSE(ParsedShell("a && b").HasPipes());
  EXPECT_TRUE(ParsedShell("x=$(a | b)").HasPipes());
}

TEST(FactsTest, NodesPointAtTheirCommands) {
  ParsedShell sh("a 1; b 2");
  ASSERT_EQ(sh.commands().size(), 2u);
  EXPECT_EQ(sh.commands()[1].node->begin, 5u);
  ParsedShell moved = std::move(sh);
  EXPECT_EQ(moved.commands()[1].node->words[1].value, "2");
}

}  // namespace
}  // namespace mybuild::lint::shell
