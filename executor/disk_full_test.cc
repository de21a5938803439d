// A store on a full filesystem: a RUN that fails for want of space, and
// mybuild's own writes that find none, say so and where. The store is a
// small tmpfs mounted in this test's own mount namespace, so nothing is
// left mounted however the test ends. Needs root.
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>

#include <gtest/gtest.h>

#include "base/fd.h"
#include "base/temp_dir.h"
#include "cache/lazy_layers.h"
#include "executor/dockerfile_test_support.h"
#include "oci/manifest.h"
#include "testdata/fixtures/busybox_rootfs.h"

namespace mybuild::executor {
namespace {

class DiskFullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root";
    static std::once_flag once;
    static bool in_own_ns = false;
    std::call_once(once, [] {
      in_own_ns = ::unshare(CLONE_NEWNS) == 0 &&
                  ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
    });
    ASSERT_TRUE(in_own_ns) << "unshare/mount: " << std::strerror(errno);
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    ASSERT_TRUE(MakeDirs(Ctx() + "/rootfs").ok());
    Status st = mybuild::testing::MakeBusyboxRootfs(Ctx() + "/rootfs");
    if (st.code() == ErrorCode::kNotFound) GTEST_SKIP() << st.message();
    ASSERT_TRUE(st.ok()) << st.message();
    ASSERT_TRUE(MakeDirs(Root()).ok());
    ASSERT_EQ(::mount("tmpfs", Root().c_str(), "tmpfs", 0, "size=8m"), 0)
        << std::strerror(errno);
    mounted_ = true;
  }
  void TearDown() override {
    if (mounted_) ::umount2(Root().c_str(), MNT_DETACH);
  }
  std::string Ctx() { return dir_->path() + "/ctx"; }
  std::string Root() { return dir_->path() + "/root"; }

  Status Build(const std::string& dockerfile) {
    testing::RecordingProgress progress;
    auto built = testing::BuildDockerfile(dockerfile, Ctx(), Root(), {}, progress);
    return built.ok() ? Status::Ok() : built.status();
  }

  std::unique_ptr<TempDir> dir_;
  bool mounted_ = false;
};

TEST_F(DiskFullTest, ARunThatFillsTheDiskSaysSo) {
  Status st = Build("FROM scratch\nCOPY rootfs/ /\nRUN cat /dev/zero > /fill\n");
  EXPECT_EQ(st.code(), ErrorCode::kBuildFailed);
  EXPECT_EQ(st.message(),
            "Dockerfile:3: process \"/bin/sh -c cat /dev/zero > /fill\" did not complete "
            "successfully: exit code: 1: No space left on device on the filesystem of " +
                Root() + " (0B free)\n  > cat: write error: No space left on device");
}

// The build only hashes the layer (it is a lazy layer): the first write of
// its tar, here for an export, finds no room, says where, leaves no part of
// it, and can be tried again.
TEST_F(DiskFullTest, ALayerThatDoesNotFitSaysSoWhenWritten) {
  testing::RecordingProgress progress;
  auto built = testing::BuildDockerfile(
      "FROM scratch\nCOPY rootfs/ /\nRUN head -c 3500000 /dev/urandom > /r\n", Ctx(), Root(), {},
      progress);
  ASSERT_TRUE(built.ok()) << built.status().message();
  cache::StorePaths store(Root());
  auto manifest = oci::Manifest::FromJson(*ReadFile(store.Blob(built->manifest)));
  ASSERT_TRUE(manifest.ok());
  const oci::Digest& layer = manifest->layers.back().digest;
  EXPECT_FALSE(std::filesystem::exists(store.Blob(layer)));
  Status st = cache::MaterializeLayer(store, layer);
  EXPECT_EQ(st.code(), ErrorCode::kIo);
  EXPECT_EQ(st.message().rfind("layer " + layer.str() + ": tar of snapshots/" +
                                   std::string(layer.hex()) + ": write \"" + Root() + "/tmp/blob-",
                               0),
            0u)
      << st.message();
  EXPECT_TRUE(st.message().ends_with("\": No space left on device")) << st.message();
  for (const auto& e : std::filesystem::directory_iterator(Root() + "/tmp")) {
    EXPECT_NE(e.path().filename().string().rfind("blob-", 0), 0u) << "left: " << e.path();
  }
  EXPECT_TRUE(cache::FindLazyLayer(store, layer).has_value());
}

}  // namespace
}  // namespace mybuild::executor
