// RUN --mount as the sandbox carries it out: SandboxSpec::mounts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "base/fd.h"
#include "executor/sandbox_test_fixture.h"

namespace mybuild::executor {
namespace {

namespace fs = std::filesystem;
using Kind = SandboxMount::Kind;

class SandboxMountsTest : public testing::SandboxFixture {
 protected:
  void SetUp() override {
    SandboxFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    for (const char* d :
         {"ctx/src", "stage1", "stage2", "scratch/up", "scratch/wk",
          "scratch/s1", "scratch/s2", "lower/run"}) {
      ASSERT_TRUE(MakeDirs(P(d)).ok());
    }
    ASSERT_TRUE(WriteFileAtomic(P("ctx/src/a"), "A\n").ok());
    ASSERT_TRUE(WriteFileAtomic(P("stage1/f"), "top\n").ok());
    ASSERT_TRUE(WriteFileAtomic(P("stage2/f"), "bottom\n").ok());
    ASSERT_TRUE(WriteFileAtomic(P("stage2/g"), "g\n").ok());
    ASSERT_EQ(::symlink("/etc", P("ctx/link").c_str()), 0);
  }
  // What the step left in its upper dir, as relative paths.
  std::vector<std::string> Upper() { return Tree("upper"); }
  // ctx/ as a writable overlay at /w, its writes in scratch/.
  SandboxMount WritableCtx() const {
    SandboxMount m;
    m.kind = Kind::kOverlay;
    m.sources = {P("ctx")};
    m.upper = P("scratch/up");
    m.work = P("scratch/wk");
    m.staging = P("scratch/s1");
    m.target = "/w";
    m.readonly = false;
    return m;
  }
};

SandboxMount Bind(std::string source, std::string subpath, std::string target) {
  SandboxMount m;
  m.kind = Kind::kBind;
  m.sources = {std::move(source)};
  m.subpath = std::move(subpath);
  m.target = std::move(target);
  return m;
}

TEST_F(SandboxMountsTest, ReadOnlyBindOfAContextDirLeavesNoTrace) {
  std::string out =
      Run(Spec("cat /src/a; touch /src/new", {Bind(P("ctx"), "src", "/src")}));
  EXPECT_EQ(out, "A\ntouch: /src/new: Read-only file system\nexit 1\n");
  EXPECT_EQ(Upper(), std::vector<std::string>{});
}

TEST_F(SandboxMountsTest, SubpathCannotFollowASymlinkOutOfTheSource) {
  EXPECT_EQ(
      Run(Spec("cat /p", {Bind(P("ctx"), "link/passwd", "/p")})),
      "error: sandbox setup: open \"/link/passwd\": No such file or directory");
}

TEST_F(SandboxMountsTest, WritableOverlayDiscardsWrites) {
  SandboxMount m = WritableCtx();
  m.subpath = "src";
  EXPECT_EQ(Run(Spec("echo new > /w/a; cat /w/a", {m})), "new\n");
  EXPECT_EQ(*ReadFile(P("ctx/src/a")), "A\n");
  EXPECT_EQ(Upper(), std::vector<std::string>{});
}

// The mount options of the sandbox's own mounts, from its mountinfo: the
// super options of the mount at `target`.
std::string SuperOptions(const std::string& mountinfo, const std::string& target) {
  std::istringstream in(mountinfo);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string id, parent, dev, root, point;
    f >> id >> parent >> dev >> root >> point;
    if (point != target) continue;
    size_t dash = line.find(" - ");
    if (dash != std::string::npos) return line.substr(dash + 3);
  }
  return "no mount at " + target + " in:\n" + mountinfo;
}

// A writable overlay's unmount would sync the host disk (every dirty page
// on it) when the sandbox goes: the root and a writable RUN --mount are
// mounted volatile, a read-only one needs nothing.
TEST_F(SandboxMountsTest, WritableOverlaysAreVolatile) {
  std::string info = Run(Spec("cat /proc/self/mountinfo", {WritableCtx()}));
  EXPECT_THAT(SuperOptions(info, "/"), ::testing::StartsWith("overlay overlay rw,"));
  // Shown as ",volatile" or, by newer kernels, ",fsync=volatile".
  EXPECT_THAT(SuperOptions(info, "/"), ::testing::HasSubstr("volatile"));
  EXPECT_THAT(SuperOptions(info, "/w"), ::testing::HasSubstr("volatile"));
}

TEST_F(SandboxMountsTest, ReadOnlyOverlayMergesStageLayers) {
  SandboxMount m;
  m.kind = Kind::kOverlay;
  m.sources = {P("stage1"), P("stage2")};
  m.staging = P("scratch/s1");
  m.target = "/stage";
  EXPECT_EQ(
      Run(Spec("cat /stage/f /stage/g; rm /stage/g", {m})),
      "top\ng\nrm: can't remove '/stage/g': Read-only file system\nexit 1\n");
}

TEST_F(SandboxMountsTest, TmpfsHasItsSize) {
  SandboxMount m;
  m.kind = Kind::kTmpfs;
  m.target = "/t";
  m.size = 1 << 20;
  m.readonly = false;
  EXPECT_EQ(Run(Spec("grep ' /t ' /proc/mounts; echo x > /t/x", {m})),
            "tmpfs /t tmpfs rw,nosuid,nodev,relatime,size=1024k 0 0\n");
  EXPECT_EQ(Upper(), std::vector<std::string>{});
}

TEST_F(SandboxMountsTest, SecretFileIsOnTmpfsWithItsOwnerAndMode) {
  SandboxMount m;
  m.kind = Kind::kFile;
  m.target = "/run/secrets/token";
  m.content = "s3cret";
  m.mode = 0440;
  m.uid = 65534;
  m.gid = 65533;
  m.staging = P("scratch/s2");
  EXPECT_EQ(
      Run(Spec("stat -c '%a %u %g' /run/secrets/token; cat /run/secrets/token;"
               " echo; grep /run/secrets /proc/mounts | cut -d' ' -f3,4;"
               " echo other > /run/other",
               {m})),
      "440 65534 65533\ns3cret\ntmpfs "
      "ro,nosuid,nodev,noexec,relatime,mode=700\n");
  // The mount point went again; what the step wrote next to it stays.
  EXPECT_EQ(Upper(), (std::vector<std::string>{"run", "run/other"}));
}

TEST_F(SandboxMountsTest, TargetThroughAnImageSymlinkStaysInTheRoot) {
  ASSERT_TRUE(MakeDirs(P("host")).ok());
  ASSERT_EQ(::symlink(P("host").c_str(), P("lower/evil").c_str()), 0);
  SandboxMount m;
  m.kind = Kind::kTmpfs;
  m.target = "/evil/x";
  m.readonly = false;
  EXPECT_EQ(Run(Spec("echo hi > /evil/x/f; cat /evil/x/f", {m})), "hi\n");
  EXPECT_TRUE(fs::is_empty(P("host")));
}

TEST_F(SandboxMountsTest, DeviceNodesInWritableMountsCannotBeOpened) {
  // A cache mount (a writable bind), a writable overlay and a tmpfs: a node
  // for a host device (the first loop device) can be made but not opened.
  ASSERT_TRUE(MakeDirs(P("cache")).ok());
  SandboxMount cache = Bind(P("cache"), "", "/c");
  cache.readonly = false;
  SandboxMount overlay = WritableCtx();
  SandboxMount tmpfs;
  tmpfs.kind = Kind::kTmpfs;
  tmpfs.target = "/t";
  tmpfs.readonly = false;
  EXPECT_EQ(Run(Spec("for d in /c /w /t; do mknod $d/loop b 7 0 && "
                     "{ (exec 3< $d/loop) 2>/dev/null && echo $d open || "
                     "echo $d denied; }; done",
                     {cache, overlay, tmpfs})),
            "/c denied\n/w denied\n/t denied\n");
}

TEST_F(SandboxMountsTest, InvalidMountsAreRefusedBeforeAnythingRuns) {
  SandboxMount m = Bind("relative", "", "/x");
  EXPECT_EQ(Run(Spec("true", {m})),
            "error: sandbox: mount at \"/x\": bad source \"relative\"");
  m = Bind(P("ctx"), "", "/");
  EXPECT_EQ(Run(Spec("true", {m})),
            "error: sandbox: mount at \"/\": target must be an absolute path "
            "other than /");
}

}  // namespace
}  // namespace mybuild::executor
