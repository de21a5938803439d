#include "executor/binfmt_install.h"

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::executor {
namespace {

// Debian's /usr/share/binfmts/qemu-aarch64 as qemu-user-static ships it.
constexpr char kSpec[] =
    "package qemu-user-static\n"
    "interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n"
    "magic \\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
    "\\x02\\x00\\xb7\\x00\n"
    "offset 0\n"
    "mask \\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff"
    "\\xfe\\xff\\xff\\xff\n"
    "credentials no\nfix_binary yes\npreserve yes\n";

TEST(BinfmtInstallTest, RegisterLineKeepsDebiansFieldsAndAddsF) {
  auto line = RegisterLine("qemu-aarch64", kSpec, "/s/qemu-aarch64");
  ASSERT_TRUE(line.ok());
  EXPECT_EQ(*line,
            ":qemu-aarch64:M:0:\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00"
            "\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00"
            "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:"
            "/usr/libexec/qemu-binfmt/aarch64-binfmt-P:PF");
  EXPECT_EQ(RegisterLine("qemu-aarch64", "package x\n", "/s/qemu-aarch64").status().message(),
            "/s/qemu-aarch64: no \"interpreter\" line");
}

// binfmt_misc stood in for by a directory: "register" is a file the line
// goes to, an entry without F gets "-1" (removed) first.
TEST(BinfmtInstallTest, RegistersWhatIsMissingOrLacksF) {
  auto t = TempDir::Create();
  ASSERT_TRUE(t.ok());
  BinfmtPaths p{t->path() + "/specs", t->path() + "/misc"};
  ASSERT_TRUE(MakeDirs(p.specs).ok() && MakeDirs(p.binfmt_misc).ok());
  ASSERT_TRUE(WriteFileAtomic(p.specs + "/qemu-aarch64", kSpec).ok());
  ASSERT_TRUE(WriteFileAtomic(p.binfmt_misc + "/register", "").ok());
  ASSERT_TRUE(WriteFileAtomic(p.binfmt_misc + "/qemu-aarch64",
                              "enabled\ninterpreter /x\nflags: P\noffset 0\n").ok());
  auto done = InstallBinfmt({"arm64"}, p);
  ASSERT_TRUE(done.ok()) << done.status().message();
  EXPECT_EQ(*done, std::vector<std::string>{"qemu-aarch64: registered with flags PF"});
  EXPECT_EQ(ReadFile(p.binfmt_misc + "/qemu-aarch64")->substr(0, 2), "-1");
  EXPECT_EQ(ReadFile(p.binfmt_misc + "/register")->substr(0, 15), ":qemu-aarch64:M");

  ASSERT_TRUE(WriteFileAtomic(p.binfmt_misc + "/qemu-aarch64",
                              "enabled\ninterpreter /x\nflags: PF\noffset 0\n").ok());
  EXPECT_EQ(*InstallBinfmt({"arm64"}, p),
            std::vector<std::string>{"qemu-aarch64: already registered with the F flag"});
  EXPECT_EQ(InstallBinfmt({"s390x"}, p).status().message(),
            "binfmt install s390x: no " + p.specs +
                "/qemu-s390x (apt-get install qemu-user-static)");
  EXPECT_EQ(InstallBinfmt({"amd64"}, p).status().message(),
            "binfmt install amd64: mybuild knows no qemu-user handler for it (it runs natively)");
}

}  // namespace
}  // namespace mybuild::executor
