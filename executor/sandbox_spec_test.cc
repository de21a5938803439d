#include "executor/sandbox_spec.h"

#include <gtest/gtest.h>

namespace mybuild::executor {
namespace {

SandboxSpec Valid() {
  SandboxSpec s;
  s.lower_dirs = {"/l/2", "/l/1"};
  s.upper_dir = "/u";
  s.work_dir = "/w";
  s.mount_dir = "/m";
  s.etc_dir = "/e";
  s.argv = {"sh"};
  return s;
}

TEST(SandboxSpecTest, OverlayDataListsLowersTopFirst) {
  EXPECT_EQ(OverlayMountData(Valid(), "/empty"),
            "lowerdir=/l/2:/l/1,upperdir=/u,workdir=/w,redirect_dir=off,"
            "metacopy=off");
  SandboxSpec scratch = Valid();
  scratch.lower_dirs.clear();
  EXPECT_EQ(OverlayMountData(scratch, "/empty"),
            "lowerdir=/empty,upperdir=/u,workdir=/w,redirect_dir=off,"
            "metacopy=off");
  EXPECT_EQ(FuseOverlayfsOptions(Valid(), "/empty"),
            "lowerdir=/l/2:/l/1,upperdir=/u,workdir=/w");
  EXPECT_EQ(OverlayMountData(scratch, "/empty", true),
            "lowerdir=/empty,upperdir=/u,workdir=/w,userxattr");
}

TEST(SandboxSpecTest, MountStubsAreTheResolvedTargetsWithTheirParents) {
  SandboxSpec s = Valid();
  SandboxMount m;
  m.target = "/d/sub/";
  s.mounts = {m};
  auto as_written = [](const std::string& p) -> std::optional<std::string> {
    return p.substr(1);
  };
  EXPECT_EQ(MountStubPaths(s, as_written),
            (std::vector<std::string>{"proc", "dev", "sys", "etc", "etc/hosts",
                                      "etc/resolv.conf", "etc/hostname", "d",
                                      "d/sub"}));
  // /etc leads to /x/etc; /d/sub is not made at all.
  auto resolved = [](const std::string& p) -> std::optional<std::string> {
    if (p.rfind("/etc/", 0) == 0) return "x" + p;
    if (p == "/d/sub/") return std::nullopt;
    return p.substr(1);
  };
  EXPECT_EQ(MountStubPaths(s, resolved),
            (std::vector<std::string>{"proc", "dev", "sys", "x", "x/etc",
                                      "x/etc/hosts", "x/etc/resolv.conf",
                                      "x/etc/hostname"}));
}

TEST(SandboxSpecTest, ValidationNamesTheField) {
  EXPECT_TRUE(ValidateSpec(Valid()).ok());
  SandboxSpec s = Valid();
  s.cwd = "rel";
  EXPECT_EQ(ValidateSpec(s).message(),
            "sandbox: cwd must be an absolute path, got \"rel\"");
  s = Valid();
  s.lower_dirs.push_back("/a:b");
  EXPECT_EQ(
      ValidateSpec(s).message(),
      "sandbox: lower dir \"/a:b\" must be absolute and free of ':' and ','");
  s = Valid();
  s.argv.clear();
  EXPECT_EQ(ValidateSpec(s).message(), "sandbox: no command to run");
}

TEST(SandboxSpecTest, DefaultCapabilitiesAreDockers14) {
  EXPECT_EQ(DefaultCapabilities().size(), 14u);
}

TEST(SandboxSpecTest, LookPathUsesEnvPath) {
  EXPECT_EQ(LookPath("sh", {"PATH=/nonexistent:/bin"}), "/bin/sh");
  EXPECT_EQ(LookPath("./x", {}), "./x");
  EXPECT_EQ(LookPath("no-such-binary-anywhere", {}), "");
}

}  // namespace
}  // namespace mybuild::executor
