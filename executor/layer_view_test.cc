#include "executor/layer_view.h"

#include <gtest/gtest.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>

#include "base/fd.h"
#include "base/temp_dir.h"

namespace mybuild::executor {
namespace {

class LayerViewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TempDir::Create();
    ASSERT_TRUE(d.ok());
    dir_ = std::make_unique<TempDir>(std::move(*d));
    for (const char* p : {"low/etc", "low/data/sub", "mid/data", "top/etc"}) {
      ASSERT_TRUE(MakeDirs(Path(p)).ok());
    }
    ASSERT_TRUE(WriteFileAtomic(Path("low/etc/passwd"), "low").ok());
    ASSERT_TRUE(WriteFileAtomic(Path("low/etc/group"), "g").ok());
    ASSERT_TRUE(WriteFileAtomic(Path("low/data/sub/f"), "f").ok());
    ASSERT_TRUE(WriteFileAtomic(Path("top/etc/passwd"), "top").ok());
    // mid deletes etc/group and makes data opaque.
    ASSERT_TRUE(MakeDirs(Path("mid/etc")).ok());
    ASSERT_EQ(::mknod(Path("mid/etc/group").c_str(), S_IFCHR, makedev(0, 0)),
              0);
    ASSERT_EQ(::setxattr(Path("mid/data").c_str(), "trusted.overlay.opaque",
                         "y", 1, 0),
              0);
    view_ = std::make_unique<LayerView>(
        std::vector<std::string>{Path("top"), Path("mid"), Path("low")});
  }
  std::string Path(const std::string& p) { return dir_->path() + "/" + p; }

  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<LayerView> view_;
};

TEST_F(LayerViewTest, TopMostCopyWins) {
  EXPECT_EQ(*view_->ReadSmallFile("/etc/passwd"), "top");
  EXPECT_TRUE(S_ISDIR(view_->Lstat("/etc")->st_mode));
  EXPECT_TRUE(S_ISDIR(view_->Lstat("/")->st_mode));
}

TEST_F(LayerViewTest, WhiteoutsAndOpaqueDirsHideLowerLayers) {
  EXPECT_FALSE(view_->Lstat("/etc/group").has_value());
  EXPECT_EQ(*view_->ReadSmallFile("/etc/group"), "");
  EXPECT_TRUE(view_->Lstat("/data").has_value());
  EXPECT_FALSE(view_->Lstat("/data/sub").has_value());
  EXPECT_FALSE(view_->Lstat("/nope/x").has_value());
}

TEST_F(LayerViewTest, LinksInALayerAreNeverFollowedOnTheHost) {
  ASSERT_TRUE(MakeDirs(Path("host")).ok());
  ASSERT_TRUE(WriteFileAtomic(Path("host/passwd"), "host secret").ok());
  ASSERT_EQ(::symlink(Path("host").c_str(), Path("top/h").c_str()), 0);
  ASSERT_EQ(::symlink(Path("host/passwd").c_str(), Path("top/p").c_str()), 0);
  EXPECT_FALSE(view_->Lstat("/h/passwd").has_value());
  EXPECT_EQ(*view_->ReadSmallFile("/h/passwd"), "");
  EXPECT_TRUE(S_ISLNK(view_->Lstat("/p")->st_mode));
  EXPECT_EQ(*view_->ReadSmallFile("/p"), "");
}

// As USER reads them: /etc may be a link (to a directory in the image).
TEST_F(LayerViewTest, SmallFilesAreReadThroughLinksInsideTheViewAndBounded) {
  ASSERT_TRUE(MakeDirs(Path("solo/private/etc")).ok());
  ASSERT_TRUE(WriteFileAtomic(Path("solo/private/etc/passwd"), "linked").ok());
  ASSERT_EQ(::symlink("/private/etc", Path("solo/etc").c_str()), 0);
  ASSERT_TRUE(
      WriteFileAtomic(Path("solo/big"),
                      std::string(LayerView::kMaxSmallFile + 1, 'x')).ok());
  LayerView solo({Path("solo")});
  EXPECT_EQ(*solo.ReadSmallFile("/etc/passwd"), "linked");
  EXPECT_EQ(solo.ReadSmallFile("/big").status().message(),
            Path("solo") + "/big: 16777217 bytes, over the 16 MiB this file "
                           "may hold");
}

TEST_F(LayerViewTest, ResolveFollowsLinksInsideTheView) {
  ASSERT_EQ(::symlink("/data/../etc", Path("top/abs").c_str()), 0);
  ASSERT_EQ(::symlink("../../../etc/passwd", Path("low/data/sub/rel").c_str()),
            0);
  ASSERT_EQ(::symlink("loop", Path("top/loop").c_str()), 0);
  ASSERT_EQ(::symlink(Path("host").c_str(), Path("top/h").c_str()), 0);
  EXPECT_EQ(*view_->Resolve("/abs/passwd"), "etc/passwd");
  EXPECT_EQ(*view_->Resolve("/abs"), "etc");
  EXPECT_EQ(*view_->Resolve("/h/x"), Path("host/x").substr(1));
  EXPECT_EQ(*view_->Resolve("/missing/../etc/x"), "etc/x");
  EXPECT_EQ(*view_->Resolve("/"), "");
  // data is opaque in mid: low's sub, and the link in it, are hidden.
  EXPECT_EQ(*view_->Resolve("/data/sub/rel"), "data/sub/rel");
  EXPECT_EQ(view_->Resolve("/loop/x").status().message(),
            "resolve \"/loop/x\": Too many levels of symbolic links");
}

}  // namespace
}  // namespace mybuild::executor
