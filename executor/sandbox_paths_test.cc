// Host integrity: whatever a RUN step or a base image puts in its tree
// (symlinks to host paths above all), the sandbox creates and removes
// nothing outside that tree, before the step (mount points) or after it
// (mount stubs).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "base/fd.h"
#include "executor/sandbox_test_fixture.h"

namespace mybuild::executor {
namespace {

namespace fs = std::filesystem;
using Kind = SandboxMount::Kind;

class SandboxPathsTest : public testing::SandboxFixture {
 protected:
  void SetUp() override {
    SandboxFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(MakeDirs(P("host/sub")).ok());
    ASSERT_TRUE(MakeDirs(P("scratch")).ok());
    // What a step or an image must not touch: an empty dir, an empty file.
    ASSERT_TRUE(WriteFileAtomic(P("host/f"), "").ok());
  }
  // The host dir is as SetUp made it.
  void ExpectHostUntouched() {
    EXPECT_EQ(Tree("host"), (std::vector<std::string>{"f", "sub"}));
    EXPECT_TRUE(fs::is_directory(P("host/sub")));
    EXPECT_EQ(*ReadFile(P("host/f")), "");
  }
  // Replaces the image's `name` (in lower/) with a symlink to `to`.
  void LinkInImage(const std::string& name, const std::string& to) {
    fs::remove_all(P("lower/" + name));
    ASSERT_EQ(::symlink(to.c_str(), P("lower/" + name).c_str()), 0);
  }
};

SandboxMount Tmpfs(std::string target) {
  SandboxMount m;
  m.kind = Kind::kTmpfs;
  m.target = std::move(target);
  m.readonly = false;
  return m;
}

// BuildKit's CVE-2024-23652: the step swaps a parent of its mount targets
// for a symlink to a host dir holding an empty dir and an empty file of the
// targets' names. The stub cleanup after the step must not remove them.
TEST_F(SandboxPathsTest, StepSwappingAMountParentForAHostLinkRemovesNothing) {
  SandboxMount file;
  file.kind = Kind::kFile;
  file.target = "/d/f";
  file.content = "x";
  file.mode = 0400;
  file.staging = P("scratch");
  std::string out = Run(Spec("mv /d /d.old && ln -s " + P("host") + " /d",
                             {Tmpfs("/d/sub"), file}));
  EXPECT_EQ(out, "");
  ExpectHostUntouched();
  // The step's own doing stays: its link, and the mount points it moved.
  EXPECT_EQ(Tree("upper"),
            (std::vector<std::string>{"d", "d.old", "d.old/f", "d.old/sub"}));
  EXPECT_EQ(fs::read_symlink(P("upper/d")), P("host"));
}

// The same swap deeper down: a step-made dir between the link and the
// mount target.
TEST_F(SandboxPathsTest, StepSwappingAGrandparentRemovesNothing) {
  ASSERT_TRUE(MakeDirs(P("host/a/sub")).ok());
  std::string out = Run(Spec("mv /top /top.old && ln -s " + P("host") + " /top",
                             {Tmpfs("/top/a/sub")}));
  EXPECT_EQ(out, "");
  EXPECT_TRUE(fs::is_directory(P("host/a/sub")));
  EXPECT_EQ(Tree("upper"),
            (std::vector<std::string>{"top", "top.old", "top.old/a",
                                      "top.old/a/sub"}));
}

// An image whose /etc links to a host dir: the hosts, resolv.conf and
// hostname mount points are made inside the root, where the link leads when
// read as the root's, and go again after the step.
TEST_F(SandboxPathsTest, ImageEtcLinkingToAHostDirCreatesNothingThere) {
  LinkInImage("etc", P("host"));
  EXPECT_EQ(Run(Spec("cat /etc/hostname")), "mybuild\n");
  ExpectHostUntouched();
  EXPECT_EQ(Tree("upper"), std::vector<std::string>{});
}

// Likewise for the /etc files themselves, linked one by one.
TEST_F(SandboxPathsTest, ImageEtcFilesLinkingToHostFilesAreNotCreated) {
  ASSERT_EQ(::symlink(P("host/hosts").c_str(), P("lower/etc/hosts").c_str()),
            0);
  ASSERT_EQ(::symlink((P("host") + "/../host/hostname").c_str(),
                      P("lower/etc/hostname").c_str()),
            0);
  EXPECT_EQ(Run(Spec("cat /etc/hostname")), "mybuild\n");
  ExpectHostUntouched();
  EXPECT_EQ(Tree("upper"), std::vector<std::string>{});
}

// A relative resolv.conf link into /run, as systemd images have, is
// followed inside the root: the step gets the generated file there.
TEST_F(SandboxPathsTest, ResolvConfLinkIsMountedWhereItLeadsInTheRoot) {
  ASSERT_EQ(::symlink("../run/systemd/resolve/stub-resolv.conf",
                      P("lower/etc/resolv.conf").c_str()),
            0);
  std::string out = Run(Spec("cat /etc/resolv.conf"));
  EXPECT_EQ(out, *ReadFile(P("etc/resolv.conf")));
  EXPECT_EQ(Tree("upper"), std::vector<std::string>{});
}

// /proc, /dev and /sys linking to host dirs: each file system is mounted
// where the link leads inside the root; the host dirs stay empty.
TEST_F(SandboxPathsTest, ImageProcDevSysLinksResolveInsideTheRoot) {
  for (const char* d : {"hostproc", "hostdev", "hostsys"})
    ASSERT_TRUE(MakeDirs(P(d)).ok());
  LinkInImage("proc", P("hostproc"));
  LinkInImage("dev", P("hostdev"));
  LinkInImage("sys", "../hostsys");
  EXPECT_EQ(Run(Spec("cat /proc/self/comm; echo x > /dev/null; "
                     "ls /dev/pts/ptmx; test -d /sys/kernel && echo sys")),
            "cat\n/dev/pts/ptmx\nsys\n");
  for (const char* d : {"hostproc", "hostdev", "hostsys"})
    EXPECT_TRUE(fs::is_empty(P(d))) << d;
  ExpectHostUntouched();
  EXPECT_EQ(Tree("upper"), std::vector<std::string>{});
}

// Targets that cannot be resolved safely are refused, naming them.
TEST_F(SandboxPathsTest, MountPointsThatCannotBeResolvedAreRefused) {
  ASSERT_EQ(
      ::symlink("/proc/sys/kernel/hostname", P("lower/etc/hosts").c_str()), 0);
  EXPECT_EQ(Run(Spec("true")),
            "error: sandbox setup: mount target \"/etc/hosts\": resolves into "
            "/proc or /sys");
  LinkInImage("etc", "/etc");
  EXPECT_EQ(Run(Spec("true")),
            "error: sandbox setup: open \"/etc/hosts\": Too many levels of "
            "symbolic links");
  ExpectHostUntouched();
}

TEST_F(SandboxPathsTest, AMountTargetResolvingToTheRootIsRefused) {
  ASSERT_EQ(::symlink("/", P("lower/up").c_str()), 0);
  EXPECT_EQ(Run(Spec("true", {Tmpfs("/up")})),
            "error: sandbox setup: mount target \"/up\": resolves to the root");
  LinkInImage("dev", "proc");
  EXPECT_EQ(Run(Spec("true")),
            "error: sandbox setup: mount target \"/dev\": resolves into "
            "/proc or /sys");
}

}  // namespace
}  // namespace mybuild::executor
