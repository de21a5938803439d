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
            "lowerdir=/l/2:/l/1,upperdir=/u,workdir=/w");
  SandboxSpec scratch = Valid();
  scratch.lower_dirs.clear();
  EXPECT_EQ(OverlayMountData(scratch, "/empty"),
            "lowerdir=/empty,upperdir=/u,workdir=/w");
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
