#include "executor/root_path.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/temp_dir.h"

namespace mybuild::executor {
namespace {

class RootPathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    ASSERT_TRUE(MakeDirs(P("root/etc")).ok());
    ASSERT_TRUE(MakeDirs(P("outside")).ok());
    // Links an image could hold, aiming out of the root.
    ASSERT_EQ(::symlink("/", P("root/up").c_str()), 0);
    ASSERT_EQ(::symlink("../../outside", P("root/rel").c_str()), 0);
    ASSERT_EQ(::symlink(P("outside").c_str(), P("root/abs").c_str()), 0);
    auto root = oci::SafeRoot::Open(P("root"));
    ASSERT_TRUE(root.ok());
    root_ = std::make_unique<oci::SafeRoot>(std::move(*root));
  }
  std::string P(const std::string& p) { return dir_->path() + "/" + p; }
  bool Exists(const std::string& p) {
    struct stat st;
    return ::lstat(P(p).c_str(), &st) == 0;
  }
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<oci::SafeRoot> root_;
};

TEST_F(RootPathTest, CreatesMissingDirsAndFilesInside) {
  auto fd = OpenInRoot(*root_, "/run/secrets/token", true, false);
  ASSERT_TRUE(fd.ok()) << fd.status().message();
  struct stat st;
  ASSERT_EQ(::stat(P("root/run/secrets/token").c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(st.st_size, 0);
  ASSERT_TRUE(OpenInRoot(*root_, "/var/cache/x/", true, true).ok());
  ASSERT_EQ(::stat(P("root/var/cache/x").c_str(), &st), 0);
  EXPECT_TRUE(S_ISDIR(st.st_mode));
}

TEST_F(RootPathTest, SymlinksAndDotDotStayInTheRoot) {
  for (const char* path :
       {"/up/made1", "/rel/made2", "/abs/made3", "/../../outside/made4"}) {
    ASSERT_TRUE(OpenInRoot(*root_, path, true, true).ok()) << path;
  }
  EXPECT_TRUE(Exists("root/made1"));
  EXPECT_TRUE(Exists("root/outside/made2"));
  EXPECT_TRUE(Exists(std::string("root") + P("outside") + "/made3"));
  EXPECT_TRUE(Exists("root/outside/made4"));
  for (const char* name : {"made1", "made2", "made3", "made4"}) {
    EXPECT_FALSE(Exists(std::string("outside/") + name)) << name;
  }
}

TEST_F(RootPathTest, MissingWithoutCreateNamesThePathInTheRoot) {
  auto fd = OpenInRoot(*root_, "/etc/nothing", false, false);
  ASSERT_FALSE(fd.ok());
  EXPECT_EQ(fd.status().message(),
            "open \"/etc/nothing\": No such file or directory");
  EXPECT_EQ(FdPath(7), "/proc/self/fd/7");
}

TEST_F(RootPathTest, ResolveParentsFollowsDirectoryLinksInsideTheRoot) {
  ASSERT_TRUE(MakeDirs(P("root/usr/lib")).ok());
  ASSERT_EQ(::symlink("/usr/lib", P("root/lib").c_str()), 0);
  ASSERT_EQ(::symlink("x", P("root/usr/lib/last").c_str()), 0);
  const std::string root = P("root");
  EXPECT_EQ(*ResolveParentsInRoot(root, "lib/libc.so"), "usr/lib/libc.so");
  EXPECT_EQ(*ResolveParentsInRoot(root, "/up/etc/passwd"), "etc/passwd");
  EXPECT_EQ(*ResolveParentsInRoot(root, "rel/x"), "outside/x");
  EXPECT_EQ(*ResolveParentsInRoot(root, "lib/last"), "usr/lib/last");  // kept
  EXPECT_EQ(*ResolveParentsInRoot(root, "missing/a/../b"), "missing/b");
  EXPECT_EQ(*ResolveParentsInRoot(root, "../../etc"), "etc");
  EXPECT_EQ(*ResolveParentsInRoot(root, "."), "");
}

TEST_F(RootPathTest, OpenBeneathFollowsNoSymlinkAnywhere) {
  ASSERT_TRUE(MakeDirs(P("root/etc/sub")).ok());
  ASSERT_EQ(::symlink("etc", P("root/etclink").c_str()), 0);
  UniqueFd dir(::open(P("root").c_str(), O_PATH | O_DIRECTORY));
  int err = 0;
  EXPECT_TRUE(OpenBeneath(dir.get(), "etc/sub", O_PATH, "s", &err).ok());
  EXPECT_TRUE(OpenBeneath(dir.get(), "", O_PATH, "s", &err).ok());
  for (const char* rel : {"etclink/sub", "abs", "up/etc", "../outside"}) {
    err = 0;
    auto fd = OpenBeneath(dir.get(), rel, O_PATH, "shown", &err);
    ASSERT_FALSE(fd.ok()) << rel;
    EXPECT_EQ(err, std::string(rel) == "../outside" ? EXDEV : ELOOP) << rel;
  }
  auto fd = OpenBeneath(dir.get(), "etclink", O_PATH, "shown", &err);
  EXPECT_EQ(fd.status().message(),
            "open \"shown\": Too many levels of symbolic links");
}

TEST_F(RootPathTest, MountTargetsOnTheRootOrInProcAreRefused) {
  ASSERT_TRUE(OpenMountTarget(*root_, "/abs/x", true).ok());
  EXPECT_TRUE(Exists(std::string("root") + P("outside") + "/x"));
  EXPECT_EQ(OpenMountTarget(*root_, "/up", true).status().message(),
            "mount target \"/up\": resolves to the root");
  ASSERT_EQ(::symlink("/proc/self/fd", P("root/fds").c_str()), 0);
  // Resolved inside the root, the link is dangling: made, not refused.
  ASSERT_TRUE(OpenMountTarget(*root_, "/fds", true).ok());
  EXPECT_TRUE(Exists("root/proc/self/fd"));
  auto proc = oci::SafeRoot::Open("/proc");
  ASSERT_TRUE(proc.ok());
  EXPECT_EQ(
      OpenMountTarget(*proc, "/sys/kernel/hostname", false).status().message(),
      "mount target \"/sys/kernel/hostname\": resolves into /proc or "
      "/sys");
  EXPECT_FALSE(Exists("outside/x"));
}

}  // namespace
}  // namespace mybuild::executor
