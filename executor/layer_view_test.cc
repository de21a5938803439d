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
  EXPECT_EQ(view_->HostPath("/etc/passwd"), Path("top/etc/passwd"));
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

}  // namespace
}  // namespace mybuild::executor
