#include "lint/shell/invocation.h"

#include <gtest/gtest.h>

namespace mybuild::lint::shell {
namespace {

using Args = std::vector<std::string>;

std::vector<std::string> FlagNames(const Invocation& inv) {
  std::vector<std::string> out;
  for (const Flag& f : inv.flags)
    out.push_back(f.name + "@" + std::to_string(f.arg));
  return out;
}

TEST(InvocationTest, FlagsAreParsedLikeHadolint) {
  Invocation inv = Invocation::Make(
      "/usr/bin/apt-get", {"install", "-qy", "--no-install-recommends",
                           "--opt=val", "-", "--", "pkg"});
  EXPECT_EQ(inv.name, "apt-get");
  EXPECT_EQ(FlagNames(inv),
            (Args{"q@1", "y@1", "no-install-recommends@2", "opt@3"}));
  EXPECT_TRUE(inv.HasFlag("y"));
  EXPECT_FALSE(inv.HasFlag("f"));
  EXPECT_TRUE(inv.HasAnyFlag({"f", "opt"}));
  EXPECT_EQ(inv.ArgsNoFlags(), (Args{"install", "-", "--", "pkg"}));
}

TEST(InvocationTest, ArgsAndPrefixes) {
  Invocation inv = Invocation::Make("pip", {"install", "--index-url=x", "a"});
  EXPECT_TRUE(inv.Is("pip", "install"));
  EXPECT_FALSE(inv.Is("pip3", "install"));
  EXPECT_FALSE(inv.Is("pip", "uninstall"));
  EXPECT_TRUE(inv.HasArgWithPrefix("--index"));
  EXPECT_FALSE(inv.HasArgWithPrefix("--extra"));
  EXPECT_TRUE(inv.HasAnyArg({"b", "a"}));
}

TEST(InvocationTest, DropFlagArgRemovesTheFollowingWord) {
  Invocation inv = Invocation::Make(
      "apt-get",
      {"install", "-o", "Dpkg::Options::=--force-confold", "-y", "curl"});
  Invocation dropped = inv.DropFlagArg({"o"});
  EXPECT_EQ(dropped.args, (Args{"install", "-o", "-y", "curl"}));
  EXPECT_EQ(dropped.ArgsNoFlags(), (Args{"install", "curl"}));
  EXPECT_EQ(FlagNames(dropped), (Args{"o@1", "y@2"}));
}

TEST(InvocationTest, PathThatEndsInSlashKeepsItsName) {
  EXPECT_EQ(Invocation::Make("dir/", {}).name, "dir/");
  EXPECT_EQ(Invocation::Make("./configure", {}).name, "configure");
}

}  // namespace
}  // namespace mybuild::lint::shell
