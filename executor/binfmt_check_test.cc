#include "executor/binfmt_check.h"

#include <gtest/gtest.h>

#include <fstream>

#include "base/temp_dir.h"

namespace mybuild::executor {
namespace {

const char kFix[] =
    " (apt-get install qemu-user-static binfmt-support; mount -t binfmt_misc binfmt_misc "
    "/proc/sys/fs/binfmt_misc; update-binfmts --enable qemu-aarch64)";

TEST(BinfmtCheckTest, NativeNeedsNothing) {
  EXPECT_TRUE(CheckEmulation("linux/amd64", "amd64", "/nonexistent").ok());
}

TEST(BinfmtCheckTest, SaysWhatToInstallAndEnable) {
  EXPECT_EQ(CheckEmulation("linux/arm64", "arm64", "/nonexistent").message(),
            std::string("RUN for linux/arm64 needs a binfmt_misc handler: no qemu-aarch64 in "
                        "/nonexistent") + kFix);
}

TEST(BinfmtCheckTest, WantsEnabledWithTheFFlag) {
  Expected<TempDir> dir = TempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string path = dir->path() + "/qemu-aarch64";
  std::ofstream(path) << "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n"
                         "flags: P\noffset 0\n";
  EXPECT_EQ(CheckEmulation("linux/arm64", "arm64", dir->path()).message(),
            "RUN for linux/arm64 needs a binfmt_misc handler: " + path +
                " lacks the F flag, so the sandbox cannot open its interpreter" + kFix);
  std::ofstream(path) << "enabled\ninterpreter /usr/bin/qemu-aarch64-static\nflags: PF\n";
  EXPECT_TRUE(CheckEmulation("linux/arm64", "arm64", dir->path()).ok());
  std::ofstream(path) << "disabled\nflags: PF\n";
  EXPECT_EQ(CheckEmulation("linux/arm64", "arm64", dir->path()).message(),
            "RUN for linux/arm64 needs a binfmt_misc handler: " + path + " is disabled" + kFix);
}

}  // namespace
}  // namespace mybuild::executor
